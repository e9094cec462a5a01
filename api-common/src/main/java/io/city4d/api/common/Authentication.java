package io.city4d.api.common;

import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import io.city4d.core.security.Authenticator;
import io.city4d.core.security.Principal;
import io.city4d.core.security.Role;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds the caller from {@code Authorization: Bearer <token>} or {@code X-API-Key}, and refuses requests without a
 * valid credential except reads of the public paths. A path is matched as the router matches it (decoded, dot
 * segments and doubled slashes resolved), and exactly: no variant of a public path, no path under it, is public too.
 * Any other kind of Authorization (Basic, an empty Bearer) counts as none. The secret itself is never logged or kept.
 */
public final class Authentication implements Filter {
    private static final io.helidon.http.HeaderName API_KEY = HeaderNames.create("X-API-Key");

    private final Authenticator authenticator;
    private final List<Pattern> publicPaths;

    /**
     * @param publicPaths paths that anonymous callers may GET (and HEAD); a segment {@code {name}} stands for any one
     *                    non-empty segment, as in the routes
     */
    public Authentication(Authenticator authenticator, List<String> publicPaths) {
        this.authenticator = authenticator;
        this.publicPaths = publicPaths.stream().map(Authentication::pattern).toList();
    }

    private static Pattern pattern(String path) {
        return Pattern.compile(Arrays.stream(path.split("/", -1))
                .map(segment -> segment.startsWith("{") && segment.endsWith("}") ? "[^/]+" : Pattern.quote(segment))
                .collect(Collectors.joining("/")));
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String secret = secret(req);
        if (secret != null) {
            var principal = authenticator.authenticate(secret);
            if (principal.isEmpty()) {
                Problems.send(req, res, new ProblemException(ProblemType.UNAUTHORIZED, "the token or API key is not valid"));
                return;
            }
            req.context().register(principal.get());
        } else if (!isPublic(req)) {
            Problems.send(req, res, new ProblemException(ProblemType.UNAUTHORIZED, "a bearer token or X-API-Key is required"));
            return;
        }
        chain.proceed();
    }

    private boolean isPublic(RoutingRequest req) {
        Method method = req.prologue().method();
        if (method != Method.GET && method != Method.HEAD) return false;
        String path = req.path().path();
        for (Pattern open : publicPaths) {
            if (open.matcher(path).matches()) return true;
        }
        return false;
    }

    private static String secret(RoutingRequest req) {
        var auth = req.headers().first(HeaderNames.AUTHORIZATION);
        if (auth.isPresent()) {
            String v = auth.get();
            if (v.regionMatches(true, 0, "Bearer ", 0, 7)) return v.substring(7).trim();
            return null;
        }
        return req.headers().first(API_KEY).orElse(null);
    }

    /** The authenticated caller, or null on a public path called anonymously. */
    public static Principal principal(ServerRequest req) {
        return req.context().get(Principal.class).orElse(null);
    }

    /** The caller, who must hold a role that passes the check; 401 when anonymous, 403 when not allowed. */
    public static Principal require(ServerRequest req, Predicate<Role> allowed, String what) {
        Principal p = principal(req);
        if (p == null) throw new ProblemException(ProblemType.UNAUTHORIZED, "a bearer token or X-API-Key is required to " + what);
        if (!allowed.test(p.role())) throw new ProblemException(ProblemType.FORBIDDEN, "role " + p.role().name().toLowerCase() + " may not " + what);
        return p;
    }

    public static Principal requireRead(ServerRequest req) { return require(req, Role::canRead, "read"); }

    public static Principal requireWrite(ServerRequest req) { return require(req, Role::canWrite, "write"); }

    public static Principal requireHistory(ServerRequest req) { return require(req, Role::canReadHistory, "read history"); }

    public static Principal requireAdmin(ServerRequest req) { return require(req, Role::canAdminister, "administer"); }
}
