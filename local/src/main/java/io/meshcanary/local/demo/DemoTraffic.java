package io.meshcanary.local.demo;

/**
 * What the app's users send through the route while the demo runs, reported as the router reports it to CloudWatch
 * (the emulator sees no request). Stops on close.
 */
public interface DemoTraffic extends AutoCloseable {

    /** No traffic of the router's own: the checks read the shop's own metrics (see DemoShop#reportErrorRate). */
    DemoTraffic NONE = () -> { };

    @Override
    void close();
}
