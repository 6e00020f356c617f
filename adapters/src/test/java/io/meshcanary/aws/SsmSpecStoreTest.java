package io.meshcanary.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterResponse;
import software.amazon.awssdk.services.ssm.model.SsmException;

class SsmSpecStoreTest {

    /** SSM's answer to a read that the function's policy does not allow, as a real account gives it. */
    private static final SsmClient DENYING = new SsmClient() {
        @Override
        public GetParameterResponse getParameter(GetParameterRequest request) {
            throw SsmException.builder().statusCode(400).message("User is not authorized to perform this action")
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException").build()).build();
        }

        @Override
        public String serviceName() {
            return "ssm";
        }

        @Override
        public void close() {
        }
    };

    @Test
    void aDeniedReadIsAnErrorNamingTheParameterNeverNotOnboarded() {
        SsmSpecStore specs = new SsmSpecStore(DENYING, "/meshcanary");

        assertThatThrownBy(() -> specs.source("other", "orders"))
                .isInstanceOf(SpecStoreException.class)
                .hasMessageContaining("/meshcanary/other/orders")
                .hasMessageContaining("access denied")
                .hasCauseInstanceOf(SsmException.class);
    }

    @Test
    void aSpecIsStoredWithoutItsWhitespaceAndTheSameDocument() {
        String stored = SsmSpecStore.storable("""
                {
                  "router": {"type": "alb", "ruleArn": "arn:r", "targetGroupArn": "arn:t"},
                  "steps": {"weights": [10, 50]}
                }
                """);

        assertThat(stored).isEqualTo("{\"router\":{\"type\":\"alb\",\"ruleArn\":\"arn:r\",\"targetGroupArn\":"
                + "\"arn:t\"},\"steps\":{\"weights\":[10,50]}}");
    }

    @Test
    void aSpecLongerThanAnAdvancedParameterEvenCompactedIsRefusedWithItsSize() {
        String source = "{\"notes\": \"%s\"}".formatted("x".repeat(8200));

        assertThatThrownBy(() -> SsmSpecStore.storable(source)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("8212 characters").hasMessageContaining("at most 8192");
    }
}
