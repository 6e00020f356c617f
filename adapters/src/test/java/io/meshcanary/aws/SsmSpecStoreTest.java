package io.meshcanary.aws;

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
}
