package io.meshcanary.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A name or idempotency token fitted into a service's length limit. A name that fits is kept; a longer one is cut
 * and ends with a digest of the whole, so two long names that share their start stay apart, and the same name always
 * gives the same result (which an idempotency token needs).
 */
public final class BoundedName {

    private static final int DIGEST_LENGTH = 16;

    private BoundedName() {
    }

    /** @param maxLength the service's limit, at least 18 so that one character is left beside the digest */
    public static String fit(String name, int maxLength) {
        if (maxLength <= DIGEST_LENGTH + 1) {
            throw new IllegalArgumentException("a limit of %d leaves no room beside the digest".formatted(maxLength));
        }
        if (name.length() <= maxLength) {
            return name;
        }
        String digest = sha256(name).substring(0, DIGEST_LENGTH);
        return name.substring(0, maxLength - DIGEST_LENGTH - 1) + "-" + digest;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
