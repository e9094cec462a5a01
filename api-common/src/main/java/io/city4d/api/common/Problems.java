package io.city4d.api.common;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.city4d.core.model.Json;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import io.helidon.http.HeaderNames;
import io.helidon.http.RequestException;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerResponse;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every failure leaves as an RFC 9457 problem body with the NGSI-LD error type; no stack trace ever leaves. */
public final class Problems {
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
    public static final String PROBLEM_JSON = "application/problem+json";

    private Problems() {}

    /** Registers the error handlers on a routing. */
    public static void install(HttpRouting.Builder routing) {
        routing.error(ProblemException.class, (req, res, e) -> send(res, e));
        routing.error(CompletionException.class, (req, res, e) -> send(res, unwrap(e, req.path().path())));
        routing.error(RequestException.class, (req, res, e) -> send(res, fromRequestException(e)));
        routing.error(RuntimeException.class, (req, res, e) -> send(res, unwrap(e, req.path().path())));
    }

    public static void send(ServerResponse res, ProblemException e) {
        if (res.isSent()) return;
        ProblemType type = e.type();
        ObjectNode body = Json.NODES.objectNode()
                .put("type", type.uri())
                .put("title", type.title())
                .put("status", type.status())
                .put("detail", e.detail());
        res.status(type.status());
        res.header(HeaderNames.CONTENT_TYPE, PROBLEM_JSON);
        if (type == ProblemType.OVERLOADED || type == ProblemType.TOO_MANY_REQUESTS) res.header(HeaderNames.RETRY_AFTER, "1");
        if (type == ProblemType.UNAUTHORIZED) res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"city4d\"");
        res.send(body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The problem inside a failed future, or an internal error for anything unexpected (logged, not shown). */
    public static ProblemException unwrap(Throwable t, String where) {
        Throwable cause = t;
        while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ProblemException p) return p;
        if (cause instanceof RequestException r) return fromRequestException(r);
        LOG.error("unexpected failure on {}", where, cause);
        return new ProblemException(ProblemType.INTERNAL_ERROR, "an internal error occurred; it has been logged");
    }

    private static ProblemException fromRequestException(RequestException e) {
        int status = e.status().code();
        ProblemType type = switch (status) {
            case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
            case 404 -> ProblemType.RESOURCE_NOT_FOUND;
            case 405 -> ProblemType.METHOD_NOT_ALLOWED;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            default -> status >= 500 ? ProblemType.INTERNAL_ERROR : ProblemType.INVALID_REQUEST;
        };
        return new ProblemException(type, e.getMessage() == null ? type.title() : e.getMessage());
    }
}
