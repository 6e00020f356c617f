package io.meshcanary.aws;

import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * The HTTP client the SDK clients send through: every request goes to the real client unchanged, except a SnapStart
 * priming request (marked with {@link #PRIMING_HEADER}), which the real client sends to {@link PrimingAnswers} on the
 * loopback interface instead of to AWS. So priming runs signing, the HTTP client and response unmarshalling, and
 * nothing leaves the machine.
 */
final class PrimingHttpClient implements SdkHttpClient {

    static final String PRIMING_HEADER = "x-meshcanary-priming";

    private final SdkHttpClient delegate;
    private volatile PrimingAnswers answers;

    PrimingHttpClient(SdkHttpClient delegate) {
        this.delegate = delegate;
    }

    /** Sends priming requests to {@code answers} until it is closed; null when priming is over. */
    void answerPrimingFrom(PrimingAnswers answers) {
        this.answers = answers;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        SdkHttpRequest http = request.httpRequest();
        if (http.firstMatchingHeader(PRIMING_HEADER).isEmpty()) {
            return delegate.prepareRequest(request);
        }
        PrimingAnswers current = answers;
        if (current == null) {
            throw new IllegalStateException("a priming request outside priming: %s %s".formatted(http.method(),
                    http.getUri()));
        }
        SdkHttpRequest local = http.toBuilder().protocol("http").host(current.host()).port(current.port()).build();
        return delegate.prepareRequest(HttpExecuteRequest.builder().request(local)
                .contentStreamProvider(request.contentStreamProvider().orElse(null)).metricCollector(
                        request.metricCollector().orElse(null)).build());
    }

    @Override
    public String clientName() {
        return delegate.clientName();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
