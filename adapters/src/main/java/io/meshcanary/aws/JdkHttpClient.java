package io.meshcanary.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An SDK HTTP client on the JDK's own {@link HttpClient}, for the calls the url-connection client cannot send:
 * {@code HttpURLConnection} refuses the {@code PATCH} method, and VPC Lattice's UpdateRule is one. It takes the place
 * of the SDK's Apache client (1.6 MB of jars with httpcore, commons-codec and commons-logging) at no size: the SDK still
 * builds, signs and unmarshals every call, so its execution interceptors (the local runtime's IAM check and call
 * counting) see them as before.
 */
final class JdkHttpClient implements SdkHttpClient {

    /** Headers the JDK writes itself and refuses from a caller; it writes the values the SDK signed. */
    private static final Set<String> WRITTEN_BY_THE_JDK = Set.of("host", "content-length", "connection", "expect",
            "upgrade");
    /** The Apache client's defaults in the SDK: 2 s to connect, 30 s for an answer. */
    private static final Duration CONNECT = Duration.ofSeconds(2);
    private static final Duration ANSWER = Duration.ofSeconds(30);

    // AWS's endpoints are HTTPS, where the JDK would offer HTTP/2, and the local runtime's are plain HTTP/1.1, where
    // it would ask for an upgrade to h2c: HTTP/1.1 is what the url-connection client speaks to both.
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT).build();

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        SdkHttpRequest http = request.httpRequest();
        HttpRequest.Builder builder = HttpRequest.newBuilder(http.getUri()).timeout(ANSWER)
                .method(http.method().name(), body(request));
        http.forEachHeader((name, values) -> {
            if (!WRITTEN_BY_THE_JDK.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        return new Exchange(builder.build());
    }

    /** The whole body up front, so the JDK sends the Content-Length the SDK signed rather than chunks. */
    private static BodyPublisher body(HttpExecuteRequest request) {
        return request.contentStreamProvider().map(provider -> {
            try (InputStream content = provider.newStream()) {
                return BodyPublishers.ofByteArray(content.readAllBytes());
            } catch (IOException e) {
                throw new IllegalStateException("read the request body for " + request.httpRequest().getUri(), e);
            }
        }).orElseGet(BodyPublishers::noBody);
    }

    @Override
    public String clientName() {
        return "JdkHttpClient";
    }

    @Override
    public void close() {
        client.close();
    }

    private final class Exchange implements ExecutableHttpRequest {
        private final HttpRequest request;
        private volatile CompletableFuture<HttpResponse<InputStream>> sent;

        Exchange(HttpRequest request) {
            this.request = request;
        }

        @Override
        public HttpExecuteResponse call() throws IOException {
            sent = client.sendAsync(request, BodyHandlers.ofInputStream());
            HttpResponse<InputStream> response;
            try {
                response = sent.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted: %s %s".formatted(request.method(), request.uri()));
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io
                        : new IOException("%s %s".formatted(request.method(), request.uri()), e.getCause());
            }
            return HttpExecuteResponse.builder()
                    .response(SdkHttpResponse.builder().statusCode(response.statusCode())
                            .headers(response.headers().map()).build())
                    .responseBody(AbortableInputStream.create(response.body()))
                    .build();
        }

        @Override
        public void abort() {
            CompletableFuture<HttpResponse<InputStream>> current = sent;
            if (current != null) {
                current.cancel(true);
            }
        }
    }
}
