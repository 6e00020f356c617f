package io.meshcanary.spec;

import java.util.regex.Pattern;

/**
 * An HTTP header a webhook gate is sent, whose value is a secret read at call time, so that the spec, the record, the
 * execution's data and the logs hold only the secret's name.
 *
 * @param name the header, e.g. {@code Authorization}
 * @param ssmParameter the SSM parameter (a SecureString) that holds the header's value; it must lie under the stack's
 *     {@code GateSecretPrefix}, which is all the rollout-steps function may read
 */
public record SecretHeader(String name, String ssmParameter) {

    static final String SSM_PARAMETER_FIELD = "ssmParameter";
    /** RFC 9110's token: what an HTTP header name may be made of. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");

    public SecretHeader {
        if (name == null || !TOKEN.matcher(name).matches()) {
            throw new InvalidSpecException(Paths.DOCUMENT, "is not an HTTP header name");
        }
        if (ssmParameter == null || !ssmParameter.startsWith("/")) {
            throw new InvalidSpecException(SSM_PARAMETER_FIELD, "must be the full name of an SSM parameter, "
                    + "starting with /");
        }
    }

    /** @throws InvalidSpecException naming {@code ssmParameter} when the secret lies outside {@code prefix} */
    void requireUnder(String prefix) {
        if (!ssmParameter.startsWith(prefix)) {
            throw new InvalidSpecException(SSM_PARAMETER_FIELD, ("names %s, outside %s: the stack's GateSecretPrefix "
                    + "is all the rollout-steps function may read").formatted(ssmParameter, prefix));
        }
    }
}
