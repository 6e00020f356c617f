package io.meshcanary.local;

import java.time.Duration;

/** Pauses between polls; an interrupt is kept for the caller's next blocking call to see. */
final class Sleep {
    private Sleep() {
    }

    static void forAWhile(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
