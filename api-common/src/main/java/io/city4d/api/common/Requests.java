package io.city4d.api.common;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.city4d.core.model.Json;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import io.city4d.core.security.Principal;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.common.media.type.MediaType;
import io.helidon.http.HttpException;
import io.helidon.http.RequestException;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/** Reading requests safely: bounded JSON bodies, media types, tenants, parameters and the caller. */
public final class Requests {
    public static final HeaderName TENANT = HeaderNames.create("NGSILD-Tenant");
    private static final Pattern TENANT_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final long WRITE_TIMEOUT_SECONDS = 30;
    private static final String TRAILERS_REFUSED = "Invalid terminating chunk";

    private Requests() {}

    /** The media type of the body without parameters, or null. */
    public static String contentType(ServerRequest req) {
        return req.headers().first(HeaderNames.CONTENT_TYPE).map(v -> v.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT)).orElse(null);
    }

    /** Checks the body's media type against those accepted; 415 otherwise. */
    public static String requireContentType(ServerRequest req, Set<String> accepted) {
        String type = contentType(req);
        if (type == null || !accepted.contains(type)) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be one of " + accepted + ", not " + type);
        }
        return type;
    }

    /** Checks that the client's Accept allows the media type the route answers in (no Accept allows any); 406 otherwise. */
    public static void requireAccepted(ServerRequest req, MediaType mediaType) {
        if (!req.headers().isAccepted(mediaType)) {
            throw new ProblemException(ProblemType.NOT_ACCEPTABLE, "this resource is sent as " + mediaType.text() + ", which Accept does not allow");
        }
    }

    /** The body as JSON. Its size is bounded by the server's payload limit (413 beyond). */
    public static JsonNode json(ServerRequest req) {
        byte[] bytes = bytes(req);
        return CpuBoundWork.shared().run(bytes.length, () -> parseJson(bytes));
    }

    /** A body's bytes as JSON: a body that is not JSON at all is InvalidRequest; JSON with wrong content is BadRequestData. */
    public static JsonNode parseJson(byte[] bytes) {
        if (bytes.length == 0) throw ProblemException.invalid("the request body is empty");
        try {
            JsonNode json = Json.TREE_READER.readTree(bytes);
            if (json == null || json.isMissingNode()) throw ProblemException.invalid("the request body is empty");
            return json;
        } catch (JacksonException e) {
            throw ProblemException.invalid("the request body is not valid JSON: " + JsonErrors.describe(e));
        } catch (IOException e) {
            throw ProblemException.invalid("the request body could not be read");
        }
    }

    /**
     * The body's bytes. A body whose framing breaks (a chunk size that is not a number, a body that ends early) is a
     * 400, and the connection closes after the answer, since what is left on it cannot be framed.
     */
    public static byte[] bytes(ServerRequest req) {
        if (!req.content().hasEntity()) return new byte[0];
        // sized for the announced body, so that a small write (most of them) allocates little
        int size = (int) Math.min(16 * 1024, Math.max(256, req.headers().contentLength().orElse(16 * 1024) + 1));
        ByteArrayOutputStream body = new ByteArrayOutputStream(size);
        try (InputStream in = req.content().inputStream()) {
            byte[] buffer = new byte[size];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                body.write(buffer, 0, n);
                ReadDeadlines.bodyProgress(body.size());
            }
        } catch (RequestException e) {
            ConnectionClosing.afterResponse(req);
            // Helidon 4.5 reads the line after the last chunk as the end of the body and refuses anything else there,
            // so it refuses trailer fields, which RFC 9112 (7.1.2) allows; every chunk has been read by then.
            if (!TRAILERS_REFUSED.equals(e.getMessage())) throw e;
        } catch (HttpException e) {
            ConnectionClosing.afterResponse(req);
            throw e;
        } catch (NumberFormatException e) {
            ConnectionClosing.afterResponse(req);
            throw ProblemException.invalid("the chunked body has a chunk size that is not a hexadecimal number below 2^31"
                    + " (chunk extensions such as ';name=value' are not supported)");
        } catch (IOException | RuntimeException e) {
            ConnectionClosing.afterResponse(req);
            if (Thread.interrupted()) throw new CloseConnectionException("the request body did not come in time");
            throw ProblemException.invalid("the request body ended before it was complete");
        } finally {
            ReadDeadlines.bodyReceived();
        }
        return body.toByteArray();
    }

    /** True for a valid NGSILD-Tenant value: 1 to 64 letters, digits, '_' or '-'. */
    public static boolean isTenantName(String tenant) {
        return TENANT_NAME.matcher(tenant).matches();
    }

    /** The tenant from NGSILD-Tenant (the default tenant is ""), checked against what the caller may use. */
    public static String tenant(ServerRequest req) {
        String tenant = req.headers().first(TENANT).orElse("");
        if (!tenant.isEmpty() && !isTenantName(tenant)) {
            throw ProblemException.badData("NGSILD-Tenant must be 1 to 64 letters, digits, '_' or '-'");
        }
        Principal principal = Authentication.principal(req);
        if (principal != null && !principal.mayUseTenant(tenant)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "this credential may not use tenant '" + tenant + "'");
        }
        return tenant;
    }

    public static String param(ServerRequest req, String name) {
        var v = req.query().first(name);
        return v.isPresent() ? v.get() : null;
    }

    /** A comma-separated parameter as a list (empty items dropped); null when absent. */
    public static List<String> listParam(ServerRequest req, String name) {
        if (!req.query().contains(name)) return null;
        List<String> out = new ArrayList<>();
        for (String value : req.query().all(name)) {
            Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        }
        return out;
    }

    public static int intParam(ServerRequest req, String name, int fallback) {
        String v = param(req, name);
        if (v == null) return fallback;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badData(name + " must be an integer");
        }
    }

    /** Waits for a queued write to become durable, turning failures into problems. */
    public static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw Problems.unwrap(e, "write");
        } catch (TimeoutException e) {
            throw new ProblemException(ProblemType.OVERLOADED, "the write did not complete in time; retry");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(ProblemType.OVERLOADED, "interrupted");
        }
    }
}
