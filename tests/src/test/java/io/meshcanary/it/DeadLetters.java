package io.meshcanary.it;

import static io.meshcanary.it.Emulator.AWS;

import io.meshcanary.local.StackResources;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.model.Message;

/** Reads a function's dead-letter queue, where Lambda puts an event after its last failed retry. */
final class DeadLetters {

    private DeadLetters() {
    }

    /**
     * Waits for the dead letter whose event mentions {@code marker}; others are left for their own tests.
     *
     * @return the error message Lambda attached to it
     */
    static String awaitErrorFor(String queueLogicalId, String marker) {
        String queueUrl = StackResources.ref(queueLogicalId);
        Message letter = Eventually.until(() -> receive(queueUrl, marker), Optional::isPresent,
                "a dead letter mentioning " + marker + " in " + queueLogicalId).orElseThrow();
        AWS.sqs.deleteMessage(request -> request.queueUrl(queueUrl).receiptHandle(letter.receiptHandle()));
        return letter.messageAttributes().get("ErrorMessage").stringValue();
    }

    private static Optional<Message> receive(String queueUrl, String marker) {
        return AWS.sqs.receiveMessage(request -> request.queueUrl(queueUrl).maxNumberOfMessages(10)
                        .visibilityTimeout(0).messageAttributeNames("All"))
                .messages().stream()
                .filter(message -> message.body().contains(marker))
                .findFirst();
    }
}
