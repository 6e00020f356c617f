package io.meshcanary.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that stands still until the test moves it, so that deadlines are crossed without sleeping. */
public final class TestClock extends Clock {

    private Instant now;

    public TestClock(Instant start) {
        this.now = start;
    }

    public TestClock advance(Duration duration) {
        now = now.plus(duration);
        return this;
    }

    public TestClock advanceSeconds(long seconds) {
        return advance(Duration.ofSeconds(seconds));
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** Time zones do not matter to instants; the same steppable clock serves every zone. */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
