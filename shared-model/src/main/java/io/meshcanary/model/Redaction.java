package io.meshcanary.model;

import java.net.URI;
import java.net.URISyntaxException;

/** What may be shown of a secret-bearing value in logs, events, reasons and execution output. */
public final class Redaction {

    private static final String REDACTED = "REDACTED";

    private Redaction() {
    }

    /**
     * A webhook URL without what often carries a token: its user info and its query are replaced, its fragment is
     * left out. What remains (scheme, host, port, path) names the webhook well enough to find it in the spec.
     */
    public static String url(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null) {
                return REDACTED;
            }
            StringBuilder shown = new StringBuilder().append(uri.getScheme()).append("://");
            if (uri.getRawUserInfo() != null) {
                shown.append(REDACTED).append('@');
            }
            shown.append(uri.getHost());
            if (uri.getPort() != -1) {
                shown.append(':').append(uri.getPort());
            }
            shown.append(uri.getRawPath() == null ? "" : uri.getRawPath());
            if (uri.getRawQuery() != null) {
                shown.append('?').append(REDACTED);
            }
            return shown.toString();
        } catch (URISyntaxException e) {
            // Not parsable, so no telling which part is secret.
            return REDACTED;
        }
    }
}
