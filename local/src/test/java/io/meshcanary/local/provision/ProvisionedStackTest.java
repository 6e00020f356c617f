package io.meshcanary.local.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshcanary.local.template.TemplateException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProvisionedStackTest {

    @Test
    void functionsVariablesJoinTheOneEnvironmentTheySharedLocally() {
        ProvisionedStack stack = stack(function("a", Map.of("TABLE", "t", "GREETING", "hi")),
                function("b", Map.of("TABLE", "t", "BUS", "rollouts")));

        assertThat(stack.sharedEnvironment())
                .containsExactlyInAnyOrderEntriesOf(Map.of("TABLE", "t", "GREETING", "hi", "BUS", "rollouts"));
    }

    @Test
    void aVariableWithTwoValuesIsRefusedNamingBothFunctions() {
        ProvisionedStack stack = stack(function("a", Map.of("TABLE", "t1")), function("b", Map.of("TABLE", "t2")));

        assertThatThrownBy(stack::sharedEnvironment).isInstanceOf(TemplateException.class)
                .hasMessage("b's TABLE is 't2' but a's is 't1': all functions share one JVM locally, so a variable"
                        + " must have one value");
    }

    private static ProvisionedStack stack(ProvisionedStack.Function... functions) {
        return new ProvisionedStack(Map.of(), Map.of(), List.of(functions), List.of(), Map.of());
    }

    private static ProvisionedStack.Function function(String name, Map<String, String> environment) {
        return new ProvisionedStack.Function(name, "arn:aws:lambda:us-east-1:123456789012:function:" + name,
                "a.B::handleRequest", 3, 128, environment, "arn:aws:iam::123456789012:role/r", 2, 21600, null);
    }
}
