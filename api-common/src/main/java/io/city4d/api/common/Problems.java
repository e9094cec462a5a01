package io.city4d.api.common;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.city4d.core.model.Json;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure leaves as an RFC 9457 problem body with the NGSI-LD error type; no stack trace ever leaves. NGSI-LD
 * (clause 6.3.2) sends it as {@code application/json}; a client whose Accept names {@code application/problem+json}
 * gets that media type instead.
 */
public final class Problems {
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
    public static final String PROBLEM_JSON = "application/problem+json";
    public static final String JSON = "application/json";

    private Problems() {}

    /** Registers the error handlers on a routing. */
    public static void install(HttpRouting.Builder routing) {
        routing.error(ProblemException.class, (req, res, e) -> send(req, res, e));
        routing.error(CompletionException.class, (req, res, e) -> send(req, res, unwrap(e, req.path().path())));
        routing.error(RequestException.class, (req, res, e) -> send(req, res, fromStatus(e.status().code(), e.getMessage())));
        routing.error(HttpException.class, (req, res, e) -> send(req, res, fromStatus(e.status().code(), e.getMessage())));
        routing.error(RuntimeException.class, (req, res, e) -> send(req, res, unwrap(e, req.path().path())));
    }

    public static void send(ServerRequest req, ServerResponse res, ProblemException e) {
        if (res.isSent()) return;
        ProblemType type = e.type();
        res.status(type.status());
        boolean problemJson = req.headers().first(HeaderNames.ACCEPT).map(a -> a.contains(PROBLEM_JSON)).orElse(false);
        res.header(HeaderNames.CONTENT_TYPE, problemJson ? PROBLEM_JSON : JSON);
        boolean retry = type == ProblemType.OVERLOADED || type == ProblemType.TOO_MANY_REQUESTS;
        if (retry && !res.headers().contains(HeaderNames.RETRY_AFTER)) res.header(HeaderNames.RETRY_AFTER, "1");
        if (type == ProblemType.UNAUTHORIZED) res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"city4d\"");
        res.send(body(e));
    }

    private static byte[] body(ProblemException e) {
        ProblemType type = e.type();
        return Json.NODES.objectNode()
                .put("type", type.uri())
                .put("title", type.title())
                .put("status", type.status())
                .put("detail", e.detail())
                .toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Problem bodies for what the web server refuses before any route runs: request lines or headers that are too
     * long or malformed, bodies over the limit, requests that are not HTTP.
     */
    public static DirectHandlers directHandlers() {
        DirectHandler handler = (request, event, status, headers, message) -> {
            boolean unparsable = unparsable(request, event);
            ProblemException problem = unparsable
                    ? ProblemException.invalid("the request is not well-formed HTTP/1.1: its request line, headers or body framing could not be read")
                    : fromStatus(status.code(), message);
            return DirectHandler.TransportResponse.builder().status(unparsable ? Status.BAD_REQUEST_400 : status).headers(headers)
                    .header(HeaderNames.CONTENT_TYPE, JSON).keepAlive(event.keepAlive()).entity(body(problem)).build();
        };
        DirectHandlers.Builder builder = DirectHandlers.builder();
        for (DirectHandler.EventType event : DirectHandler.EventType.values()) builder.addHandler(event, handler);
        return builder.build();
    }

    /**
     * Whether Helidon failed on the client's bytes before it could make a request of them: it reports anything its
     * HTTP/1.1 parser throws other than its own bad-request exceptions (a control character in the method, a
     * connection that ends inside the headers) as an internal error of a request with no method. Failures of a
     * request that was parsed carry its method.
     */
    private static boolean unparsable(DirectHandler.TransportRequest request, DirectHandler.EventType event) {
        return event == DirectHandler.EventType.INTERNAL_ERROR && request.method().isEmpty();
    }

    /** The problem inside a failed future, or an internal error for anything unexpected (logged, not shown). */
    public static ProblemException unwrap(Throwable t, String where) {
        Throwable cause = t;
        while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ProblemException p) return p;
        if (cause instanceof RequestException r) return fromStatus(r.status().code(), r.getMessage());
        if (cause instanceof HttpException h && h.status().code() < 500) return fromStatus(h.status().code(), h.getMessage());
        LOG.error("unexpected failure on {}", where, cause);
        return new ProblemException(ProblemType.INTERNAL_ERROR, "an internal error occurred; it has been logged");
    }

    private static ProblemException fromStatus(int status, String message) {
        ProblemType type = switch (status) {
            case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
            case 414 -> ProblemType.URI_TOO_LONG;
            case 431 -> ProblemType.HEADERS_TOO_LARGE;
            case 404 -> ProblemType.RESOURCE_NOT_FOUND;
            case 405 -> ProblemType.METHOD_NOT_ALLOWED;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> ProblemType.OVERLOADED;
            default -> status >= 500 ? ProblemType.INTERNAL_ERROR : ProblemType.INVALID_REQUEST;
        };
        boolean useful = message != null && !message.isBlank() && !message.equalsIgnoreCase(type.title()) && status < 500;
        return new ProblemException(type, useful ? message : "the request was refused: " + type.title().toLowerCase(java.util.Locale.ROOT));
    }
}
