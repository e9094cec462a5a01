package io.city4d.api.common;

import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import io.city4d.core.security.Authenticator;
import io.city4d.core.security.Principal;
import io.city4d.core.security.Role;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import java.util.List;
import java.util.function.Predicate;

/**
 * Finds the caller from {@code Authorization: Bearer <token>} or {@code X-API-Key}, and refuses requests without a
 * valid credential except on the public paths. The secret itself is never logged or kept.
 */
public final class Authentication implements Filter {
    private static final io.helidon.http.HeaderName API_KEY = HeaderNames.create("X-API-Key");

    private final Authenticator authenticator;
    private final List<String> publicPrefixes;

    /** @param publicPaths paths open to anonymous callers; one ending in '/' (other than "/" itself) opens everything under it */
    public Authentication(Authenticator authenticator, List<String> publicPaths) {
        this.authenticator = authenticator;
        this.publicPrefixes = List.copyOf(publicPaths);
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
        } else if (!isPublic(req.path().path())) {
            Problems.send(req, res, new ProblemException(ProblemType.UNAUTHORIZED, "a bearer token or X-API-Key is required"));
            return;
        }
        chain.proceed();
    }

    private boolean isPublic(String path) {
        for (String prefix : publicPrefixes) {
            boolean isPrefix = prefix.length() > 1 && prefix.endsWith("/");
            if (isPrefix ? path.startsWith(prefix) : path.equals(prefix)) return true;
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
