package io.meshcanary.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import software.amazon.awssdk.awscore.endpoint.AwsClientEndpointProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.regions.Region;

/**
 * A bridge or host task's host address: the private IPv4 address of its EC2 instance, from one signed
 * {@code DescribeInstances} call on EC2's Query API. The EC2 SDK module (a 26.8 MB jar, 12,575 classes) would be
 * the only reason for the node registry's and the resync's packages to carry it, so this speaks the protocol itself,
 * on the SDK's own SigV4 signer, credentials, endpoint resolution and HTTP client, and reads only the two fields it
 * needs.
 * Protocol: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/Query-Requests.html; the answer:
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstances.html; errors:
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html.
 */
final class Ec2Instances {

    /** The Query API's version the EC2 SDK module sends too. */
    static final String API_VERSION = "2016-11-15";
    private static final String SIGNING_NAME = "ec2";
    /** Answered for priming, so the parser is warm without a call. */
    private static final String PRIMING_ANSWER = """
            <DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><reservationSet><item>\
            <instancesSet><item><instanceId>i-0</instanceId><privateIpAddress>10.0.0.1</privateIpAddress></item>\
            </instancesSet></item></reservationSet></DescribeInstancesResponse>""";

    private final SdkHttpClient http;
    private final IdentityProvider<? extends AwsCredentialsIdentity> credentials;
    private final Region region;
    private final URI endpoint;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    Ec2Instances(SdkHttpClient http, IdentityProvider<? extends AwsCredentialsIdentity> credentials, Region region,
            URI endpoint) {
        this.http = http;
        this.credentials = credentials;
        this.region = region;
        this.endpoint = endpoint;
    }

    /**
     * EC2's endpoint as the EC2 client would resolve it: {@code AWS_ENDPOINT_URL_EC2}, then {@code AWS_ENDPOINT_URL}
     * (and their profile and system property forms), then the region's own.
     */
    static URI endpoint(Region region) {
        return AwsClientEndpointProvider.builder()
                .serviceEndpointOverrideEnvironmentVariable("AWS_ENDPOINT_URL_EC2")
                .serviceEndpointOverrideSystemProperty("aws.endpointUrlEc2")
                .serviceProfileProperty("ec2")
                .serviceEndpointPrefix("ec2")
                .defaultProtocol("https")
                .region(region)
                .build()
                .clientEndpoint();
    }

    /**
     * @throws Ec2QueryException for EC2's error answer (an unknown instance is {@code InvalidInstanceID.NotFound})
     * @throws IllegalStateException when the instance has no private IPv4 address (it is stopped or terminated)
     */
    String privateAddress(String instanceId) {
        SignedRequest signed = sign(instanceId);
        HttpExecuteResponse response;
        try {
            response = http.prepareRequest(HttpExecuteRequest.builder().request(signed.request())
                    .contentStreamProvider(signed.payload().orElseThrow()).build()).call();
        } catch (IOException e) {
            throw new UncheckedIOException("EC2 DescribeInstances %s".formatted(instanceId), e);
        }
        byte[] body = read(response);
        if (!response.httpResponse().isSuccessful()) {
            throw Ec2QueryException.of(response.httpResponse().statusCode(), body);
        }
        return privateAddress(instanceId, parse(body));
    }

    /** Signs a request and reads a canned answer, so a SnapStart snapshot holds both paths warm; sends nothing. */
    void prime() {
        sign("i-0");
        privateAddress("i-0", parse(PRIMING_ANSWER.getBytes(StandardCharsets.UTF_8)));
    }

    SignedRequest sign(String instanceId) {
        String form = "Action=DescribeInstances&Version=%s&InstanceId.1=%s".formatted(API_VERSION,
                URLEncoder.encode(instanceId, StandardCharsets.UTF_8));
        String path = endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath();
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint).encodedPath(path)
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .build();
        AwsCredentialsIdentity identity = credentials.resolveIdentity().join();
        return signer.sign(r -> r.identity(identity).request(request)
                .payload(ContentStreamProvider.fromUtf8String(form))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
    }

    /** The instance's own private address: not one of its network interfaces', which sit deeper in the answer. */
    static String privateAddress(String instanceId, Document answer) {
        List<Element> instances = new ArrayList<>();
        for (Element reservationSet : children(answer.getDocumentElement(), "reservationSet")) {
            for (Element reservation : children(reservationSet, "item")) {
                for (Element instancesSet : children(reservation, "instancesSet")) {
                    instances.addAll(children(instancesSet, "item"));
                }
            }
        }
        Element instance = instances.stream()
                .filter(candidate -> text(candidate, "instanceId").map(instanceId::equals).orElse(false))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "EC2 did not describe instance %s".formatted(instanceId)));
        return text(instance, "privateIpAddress").orElseThrow(() -> new IllegalStateException(
                "EC2 instance %s has no private IPv4 address (stopped or terminated)".formatted(instanceId)));
    }

    static Document parse(byte[] xml) {
        try {
            return parser().parse(new ByteArrayInputStream(xml));
        } catch (SAXException | IOException e) {
            throw new IllegalStateException("EC2 answered with XML that does not parse", e);
        }
    }

    static Optional<String> text(Element parent, String name) {
        return children(parent, name).stream().findFirst().map(Node::getTextContent).map(String::strip)
                .filter(value -> !value.isEmpty());
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && name.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    private static DocumentBuilder parser() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        try {
            // An answer has no DTD; refusing one rules out entity expansion.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser refuses a standard feature", e);
        }
    }

    private static byte[] read(HttpExecuteResponse response) {
        Optional<? extends InputStream> body = response.responseBody();
        if (body.isEmpty()) {
            return new byte[0];
        }
        try (InputStream in = body.get()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading EC2's answer", e);
        }
    }
}
