package io.meshcanary.spec;

/** A Cloud Map service, by namespace name and service name, in which an app's tasks are registered. */
public record CloudMapService(String namespace, String service) {

    static CloudMapService read(JsonFields fields) {
        return new CloudMapService(fields.text("namespace"), fields.text("service"));
    }
}
