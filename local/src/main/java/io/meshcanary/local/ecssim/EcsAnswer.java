package io.meshcanary.local.ecssim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A stand-in's answer to an ECS call the emulator lacks: its HTTP status and JSON body (awsJson 1.1). */
public record EcsAnswer(int status, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static EcsAnswer ok(JsonNode body) {
        return new EcsAnswer(200, body.toString());
    }

    /** An error as the awsJson protocol carries it: the SDK raises the exception {@code __type} names. */
    static EcsAnswer error(String type, String message) {
        return new EcsAnswer(400, JSON.createObjectNode().put("__type", type).put("message", message).toString());
    }
}
