package io.city4d.server;

import io.helidon.http.Method;
import io.helidon.http.PathMatcher;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRoute;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Routing rules that only write down each route's method and whole path pattern, so that a test can list every route
 * a server registers. A kind of registration it does not know fails loudly instead of being left out.
 */
final class RouteRecorder implements HttpRules {
    record Route(String method, String path) {}

    private final String prefix;
    private final List<Route> routes;

    RouteRecorder() {
        this("", new ArrayList<>());
    }

    private RouteRecorder(String prefix, List<Route> routes) {
        this.prefix = prefix;
        this.routes = routes;
    }

    List<Route> routes() {
        return List.copyOf(routes);
    }

    @Override
    public HttpRules register(HttpService... services) {
        for (HttpService service : services) service.routing(this);
        return this;
    }

    @Override
    public HttpRules register(String path, HttpService... services) {
        RouteRecorder nested = new RouteRecorder(join(prefix, path), routes);
        for (HttpService service : services) service.routing(nested);
        return this;
    }

    /** A route for the methods a predicate accepts; its path is read back from the matcher's description. */
    @Override
    public HttpRules route(Predicate<Method> methods, PathMatcher matcher, Handler handler) {
        String text = matcher.toString();
        String path;
        if (text.startsWith("exact: ")) path = text.substring("exact: ".length());
        else if (text.startsWith("pattern: ")) path = text.substring("pattern: ".length()).replaceAll("\\(\\?<[^>]+>\\[\\^/]\\+\\)", "{param}");
        else throw new UnsupportedOperationException("RouteRecorder cannot read the path of " + text);
        for (String method : List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE")) {
            if (methods.test(Method.create(method))) add(method, path);
        }
        return this;
    }

    @Override
    public HttpRules route(HttpRoute route) {
        throw new UnsupportedOperationException("RouteRecorder does not know this kind of route yet: teach it, so the route is tested");
    }

    @Override public HttpRules get(String path, Handler... handlers) { return add("GET", path); }
    @Override public HttpRules get(Handler... handlers) { return add("GET", ""); }
    @Override public HttpRules post(String path, Handler... handlers) { return add("POST", path); }
    @Override public HttpRules post(Handler... handlers) { return add("POST", ""); }
    @Override public HttpRules put(String path, Handler... handlers) { return add("PUT", path); }
    @Override public HttpRules put(Handler... handlers) { return add("PUT", ""); }
    @Override public HttpRules patch(String path, Handler... handlers) { return add("PATCH", path); }
    @Override public HttpRules patch(Handler... handlers) { return add("PATCH", ""); }
    @Override public HttpRules delete(String path, Handler... handlers) { return add("DELETE", path); }
    @Override public HttpRules delete(Handler... handlers) { return add("DELETE", ""); }
    @Override public HttpRules head(String path, Handler... handlers) { return add("HEAD", path); }
    @Override public HttpRules head(Handler... handlers) { return add("HEAD", ""); }
    @Override public HttpRules options(String path, Handler... handlers) { return add("OPTIONS", path); }
    @Override public HttpRules options(Handler... handlers) { return add("OPTIONS", ""); }
    @Override public HttpRules any(String path, Handler... handlers) { return add("ANY", path); }
    @Override public HttpRules any(Handler... handlers) { return add("ANY", ""); }

    private HttpRules add(String method, String path) {
        routes.add(new Route(method, join(prefix, path)));
        return this;
    }

    /** A prefix and a pattern as Helidon joins them; a trailing slash is dropped (Helidon answers with and without it). */
    private static String join(String prefix, String path) {
        String joined = (prefix + "/" + path).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }
}
