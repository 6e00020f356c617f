package io.meshcanary.it;

import static io.meshcanary.it.Emulator.AWS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * GetParametersByPath pages on from where its last page ended, however the parameters before it changed: the
 * operator's CLI finds an app by listing every spec, while other apps are onboarded and offboarded beside it.
 */
class SsmPagingEmulatorTest {

    @Test
    void aParameterDeletedFromAnEarlierPageMakesTheNextPageSkipNothing() {
        String path = "/paging-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> names = IntStream.rangeClosed(1, 15).mapToObj(n -> "%s/app-%02d".formatted(path, n)).toList();
        names.forEach(name -> AWS.ssm.putParameter(request -> request.name(name).value("{}")
                .type(ParameterType.STRING)));
        try {
            GetParametersByPathResponse first = AWS.ssm.getParametersByPath(request -> request.path(path)
                    .recursive(true).maxResults(10));
            AWS.ssm.deleteParameter(request -> request.name(first.parameters().getFirst().name()));
            GetParametersByPathResponse next = AWS.ssm.getParametersByPath(request -> request.path(path)
                    .recursive(true).maxResults(10).nextToken(first.nextToken()));

            List<String> seen = new ArrayList<>(first.parameters().stream().map(Parameter::name).toList());
            seen.addAll(next.parameters().stream().map(Parameter::name).toList());
            assertThat(seen).as("every parameter once, the deleted one from the page that showed it")
                    .containsExactlyInAnyOrderElementsOf(names);
        } finally {
            AWS.ssm.deleteParameters(request -> request.names(names));
        }
    }
}
