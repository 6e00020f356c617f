package io.meshcanary.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.meshcanary.testing.TestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One cold start, as the Lambda runtime does it: builds the handler with its no-arg constructor, then invokes it
 * once with a sample event, and exits. ColdStartBench runs it in a fresh JVM per measurement, on the function's own
 * package, so it uses nothing beyond the JDK, aws-lambda-java-core and the tests' Lambda context. Arguments: handler
 * class, event file, function name. The last line on stderr says how the invocation ended; a handler that throws
 * still counts as a cold start (the bench's events need no setup).
 */
public final class ColdStart {

    static final String OUTCOME = "cold-start-outcome: ";

    private ColdStart() {
    }

    public static void main(String[] args) throws Exception {
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(args[0]).getConstructor().newInstance();
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        String outcome;
        try {
            handler.handleRequest(new ByteArrayInputStream(event), output, new TestContext("meshcanary-" + args[2]));
            outcome = "ok";
        } catch (Exception e) {
            outcome = e.getClass().getSimpleName();
        }
        System.out.flush();
        System.err.println(OUTCOME + outcome);
    }
}
