package io.meshcanary.local.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FunctionRefTest {

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {
        "meshcanary-Echo, meshcanary-Echo, none",
        "meshcanary-Echo:live, meshcanary-Echo, live",
        "123456789012:function:meshcanary-Echo, meshcanary-Echo, none",
        "arn:aws:lambda:us-east-1:123456789012:function:meshcanary-Echo, meshcanary-Echo, none",
        "arn:aws:lambda:us-east-1:123456789012:function:meshcanary-Echo:$LATEST, meshcanary-Echo, $LATEST",
    })
    void everyFormOfFunctionNameNamesTheFunction(String functionName, String name, String qualifier) {
        assertThat(FunctionRef.parse(functionName)).isEqualTo(new FunctionRef(name, qualifier));
    }
}
