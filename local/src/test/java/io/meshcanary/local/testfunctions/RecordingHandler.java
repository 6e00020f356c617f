package io.meshcanary.local.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Records every event it gets in the queue $RECORD_QUEUE_URL, through the runtime's endpoint, then fails if the
 * event's detail says {"fail": true}: a poison event, which must end in the dead-letter queue.
 */
public final class RecordingHandler implements RequestStreamHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqsClient sqs;

    public RecordingHandler() {
        this.sqs = SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = JSON.readTree(input);
        sqs.sendMessage(request -> request
                .queueUrl(System.getenv("RECORD_QUEUE_URL"))
                .messageBody(event.toString())
                .messageAttributes(Map.of("table", MessageAttributeValue.builder()
                        .dataType("String").stringValue(System.getenv("RECORDER_TABLE")).build())));
        if (event.path("detail").path("fail").asBoolean()) {
            throw new IllegalStateException("refused poison event " + event.path("id").asText());
        }
        output.write("{}".getBytes(StandardCharsets.UTF_8));
    }
}
