package io.meshcanary.aws;

import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * EC2's error answer to a Query API call: its code ({@code InvalidInstanceID.NotFound}, {@code UnauthorizedOperation},
 * {@code RequestLimitExceeded}) and message, as
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html gives them.
 */
public final class Ec2QueryException extends RuntimeException {

    private final int statusCode;
    private final String errorCode;

    Ec2QueryException(int statusCode, String errorCode, String message) {
        super("EC2 answered %d %s: %s".formatted(statusCode, errorCode, message));
        this.statusCode = statusCode;
        this.errorCode = errorCode;
    }

    /** Reads {@code <Response><Errors><Error><Code/><Message/>}; an answer without one keeps only its status. */
    static Ec2QueryException of(int statusCode, byte[] body) {
        Optional<Element> error = Optional.empty();
        try {
            Document answer = Ec2Instances.parse(body);
            Node errors = answer.getDocumentElement().getElementsByTagNameNS("*", "Error").item(0);
            error = Optional.ofNullable((Element) errors);
        } catch (IllegalStateException unparsable) {
            // Not XML (a proxy's page, an empty body): the status is all there is.
        }
        return new Ec2QueryException(statusCode,
                error.flatMap(e -> Ec2Instances.text(e, "Code")).orElse("(no error code)"),
                error.flatMap(e -> Ec2Instances.text(e, "Message")).orElse("(no message)"));
    }

    public int statusCode() {
        return statusCode;
    }

    /** EC2's error code, such as {@code InvalidInstanceID.NotFound}. */
    public String errorCode() {
        return errorCode;
    }
}
