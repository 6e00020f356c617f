package io.meshcanary.local.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Calls JSON-protocol AWS APIs of the moto server that the runtime started. CloudFormation property names are
 * the API member names for the resources the runtime provisions, so requests are built straight from the
 * template and need no SDK model classes. Requests are not signed: moto reads only the region, account and
 * service from the credential scope of the Authorization header.
 */
public final class AwsJsonClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter SCOPE_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final URI endpoint;
    private final String region;
    private final HttpClient http;

    public AwsJsonClient(URI endpoint, String region) {
        this.endpoint = endpoint;
        this.region = region;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public JsonNode call(AwsJsonService service, String operation, JsonNode request) {
        String date = ZonedDateTime.now(ZoneOffset.UTC).format(SCOPE_DATE);
        HttpRequest httpRequest = HttpRequest.newBuilder(endpoint.resolve("/"))
                .header("Content-Type", service.contentType())
                .header("X-Amz-Target", service.target(operation))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/%s/%s/%s/aws4_request, "
                        .formatted(date, region, service.signingName()) + "SignedHeaders=host, Signature=local")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString()))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(httpRequest, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AwsCallException("%s %s at %s: %s".formatted(service.signingName(), operation, endpoint, e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AwsCallException("%s %s interrupted".formatted(service.signingName(), operation), e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new AwsCallException("%s %s failed with %d: %s"
                    .formatted(service.signingName(), operation, response.statusCode(), response.body()));
        }
        try {
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AwsCallException("%s %s answered with invalid JSON: %s"
                    .formatted(service.signingName(), operation, response.body()), e);
        }
    }
}
