package io.city4d.protocol.mqtt;

import io.city4d.core.problem.ProblemType;

/** The MQTT 5 PUBACK reason code (clause 3.4.2.1) for a refused reading. */
final class PubAckCodes {
    static final byte NOT_AUTHORIZED = (byte) 0x87;
    static final byte TOPIC_NAME_INVALID = (byte) 0x90;
    static final byte QUOTA_EXCEEDED = (byte) 0x97;
    static final byte PAYLOAD_FORMAT_INVALID = (byte) 0x99;
    static final byte IMPLEMENTATION_SPECIFIC_ERROR = (byte) 0x83;

    private PubAckCodes() {}

    static byte of(ProblemType type) {
        return switch (type) {
            case BAD_REQUEST_DATA, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE -> PAYLOAD_FORMAT_INVALID;
            case FORBIDDEN, UNAUTHORIZED -> NOT_AUTHORIZED;
            // The topic names the device and tenant, so an unknown one is a topic that leads nowhere.
            case INVALID_REQUEST, RESOURCE_NOT_FOUND, NONEXISTENT_TENANT -> TOPIC_NAME_INVALID;
            case TOO_MANY_REQUESTS, OVERLOADED -> QUOTA_EXCEEDED;
            default -> IMPLEMENTATION_SPECIFIC_ERROR;
        };
    }
}
