package io.meshcanary.local.ecssim;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;

/** How ECS's JSON API writes what the stand-ins answer: timestamps in epoch seconds (awsJson 1.1). */
final class EcsJson {

    static final ObjectMapper JSON = new ObjectMapper();

    private EcsJson() {
    }

    static double seconds(Instant instant) {
        return instant.toEpochMilli() / 1000.0;
    }
}
