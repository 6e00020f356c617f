package io.meshcanary.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactionTest {

    @ParameterizedTest(name = "{0} is shown as {1}")
    @CsvSource({
            "https://gates.example.com/release, https://gates.example.com/release",
            "https://gates.example.com:8443/release?token=s3cret&team=shop, https://gates.example.com:8443/release?REDACTED",
            "https://bot:s3cret@gates.example.com/release, https://REDACTED@gates.example.com/release",
            "https://gates.example.com/release#s3cret, https://gates.example.com/release",
            "not a url with spaces, REDACTED"})
    void webhookUrlKeepsWhereItPointsAndLosesItsSecrets(String url, String shown) {
        assertThat(Redaction.url(url)).isEqualTo(shown).doesNotContain("s3cret");
    }
}
