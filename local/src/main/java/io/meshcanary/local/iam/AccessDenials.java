package io.meshcanary.local.iam;

import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The error a service answers when IAM denies a call, as the SDK would hand it to the caller: the service's own
 * exception class (the modeled {@code AccessDeniedException} where the service models one, else its base exception),
 * the service's error code and HTTP status, and IAM's message naming the role, the action and the resource.
 */
final class AccessDenials {

    /** Error code and status where a service differs from the JSON protocol's AccessDeniedException / 400. */
    private static final Map<String, Shape> BY_SERVICE = Map.of(
            // Query protocol (and its JSON successors that keep Query's error codes).
            "ElasticLoadBalancingV2", new Shape("AccessDenied", 403),
            "CloudWatch", new Shape("AccessDenied", 403),
            "Sqs", new Shape("AccessDenied", 403),
            "Ec2", new Shape("UnauthorizedOperation", 403),
            // REST JSON services answer 403.
            "Lambda", new Shape("AccessDeniedException", 403),
            "AppMesh", new Shape("AccessDeniedException", 403),
            "VpcLattice", new Shape("AccessDeniedException", 403));
    private static final Shape JSON_PROTOCOL = new Shape("AccessDeniedException", 400);

    private AccessDenials() {
    }

    /** @param serviceName the SDK's service name, e.g. "Ssm", "ElasticLoadBalancingV2" */
    static AwsServiceException of(String serviceName, SdkRequest request, Roles.Denial denial) {
        Shape shape = BY_SERVICE.getOrDefault(serviceName, JSON_PROTOCOL);
        String message = denial.message();
        if (shape.code().equals("UnauthorizedOperation")) {
            message = "You are not authorized to perform this operation. " + message;
        }
        AwsServiceException.Builder builder = builder(request, serviceName, shape.code());
        return builder.message(message).statusCode(shape.status()).requestId(UUID.randomUUID().toString())
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(shape.code()).errorMessage(message)
                        .serviceName(serviceName)
                        .sdkHttpResponse(SdkHttpResponse.builder().statusCode(shape.status()).build())
                        .build())
                .build();
    }

    /** The class the SDK would unmarshal the error code into: a modeled one of that name, or the service's base. */
    private static AwsServiceException.Builder builder(SdkRequest request, String serviceName, String code) {
        String model = request.getClass().getPackageName();
        for (String name : new String[] {model + "." + code, model + "." + serviceName + "Exception"}) {
            try {
                Class<?> type = Class.forName(name, false, request.getClass().getClassLoader());
                if (AwsServiceException.class.isAssignableFrom(type)) {
                    return (AwsServiceException.Builder) type.getMethod("builder").invoke(null);
                }
            } catch (ClassNotFoundException e) {
                // Not modeled under that name: try the next.
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot build " + name, e);
            }
        }
        return AwsServiceException.builder();
    }

    private record Shape(String code, int status) {
    }
}
