package io.meshcanary.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HandlerSpecTest {

    @ParameterizedTest
    @ValueSource(strings = {"io.meshcanary.functions.noderegistry.NodeRegistryHandler::handleRequest",
            "io.meshcanary.functions.noderegistry.NodeRegistryHandler"})
    void javaHandlerNamesItsClass(String handler) {
        assertThat(HandlerSpec.parse(handler, "Handler").className())
                .isEqualTo("io.meshcanary.functions.noderegistry.NodeRegistryHandler");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "src/index.handler", "app.py:handler", "io.Handler::", "io..Handler", "1st.Handler"})
    void somethingElseIsNotAJavaHandler(String handler) {
        assertThatThrownBy(() -> HandlerSpec.parse(handler, "Resources.F.Properties.Handler"))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("Resources.F.Properties.Handler: '%s' is not a Java handler"
                        .formatted(handler));
    }

    @ParameterizedTest
    @ValueSource(strings = {"io.Handler::apply"})
    void aMethodOtherThanHandleRequestIsRejected(String handler) {
        assertThatThrownBy(() -> HandlerSpec.parse(handler, "Handler"))
                .hasMessageContaining("names method apply; a RequestStreamHandler is called through handleRequest");
    }
}
