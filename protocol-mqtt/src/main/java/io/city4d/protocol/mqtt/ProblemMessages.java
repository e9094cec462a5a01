package io.city4d.protocol.mqtt;

import io.city4d.core.model.Json;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;

/** Renders a refused reading as the JSON problem published to a device's errors topic. */
final class ProblemMessages {
    private ProblemMessages() {}

    static byte[] json(ProblemException problem) {
        var node = Json.NODES.objectNode()
                .put("type", problem.type().uri())
                .put("title", problem.type().title())
                .put("detail", problem.detail());
        return node.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Failures the client cannot fix and the server may overcome: the reading is retried rather than refused. */
    static boolean isTransient(ProblemType type) {
        return type == ProblemType.OVERLOADED || type == ProblemType.INTERNAL_ERROR;
    }
}
