package io.city4d.api.ngsild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.city4d.api.common.Authentication;
import io.city4d.api.common.Requests;
import io.city4d.core.model.EntityIds;
import io.city4d.core.model.Json;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import io.city4d.core.query.EntityQuery;
import io.city4d.core.subscription.DeadLetters;
import io.city4d.core.subscription.SubscriptionStatus;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.PathMatchers;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** /subscriptions (NGSI-LD clause 6.10, 6.11), and City4D's /deadLetters listing of undeliverable notifications. */
final class SubscriptionRoutes implements HttpService {
    static final String BASE = "/ngsi-ld/v1/subscriptions/";
    private final SubscriptionService subscriptions;
    private final DeadLetters deadLetters;
    private final LdExchange ld;
    private final Clock clock;
    private final Tenants tenants;

    SubscriptionRoutes(SubscriptionService subscriptions, DeadLetters deadLetters, LdExchange ld, Clock clock, Tenants tenants) {
        this.subscriptions = subscriptions;
        this.deadLetters = deadLetters;
        this.ld = ld;
        this.clock = clock;
        this.tenants = tenants;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/subscriptions", this::create)
                .get("/subscriptions", this::list)
                .get("/subscriptions/{id}", this::get)
                .patch("/subscriptions/{id}", this::update)
                .delete("/subscriptions/{id}", this::delete)
                .route(method -> method != Method.GET && method != Method.POST && method != Method.HEAD && method != Method.OPTIONS,
                        PathMatchers.exact("/subscriptions"),
                        // the collection is read and added to; a subscription is changed or deleted by its id
                        PathRefusals.methodNotAllowed("GET, POST", "one subscription: " + BASE + "{id}"))
                .get("/deadLetters", this::deadLetters);
    }

    private void create(ServerRequest req, ServerResponse res) {
        Authentication.requireWrite(req);
        String tenant = Requests.tenant(req);
        LdExchange.Body body = ld.body(req, LdExchange.BODY_TYPES);
        SubscriptionDocument requested = SubscriptionDocument.fromRequest(body.json(), body.context(), tenant, ld.contexts(), clock.instant());
        // hosted before the subscription can notify with it, and removed again when the subscription is refused
        JsonNode context = body.json().get("@context");
        boolean hosted = ld.contexts().hostImplicitly(tenant, context);
        SubscriptionDocument doc;
        try {
            doc = subscriptions.create(requested);
        } catch (RuntimeException refused) {
            if (hosted) ld.contexts().unhostImplicitly(tenant, context);
            throw refused;
        }
        tenants.created(tenant);
        res.status(201).header(HeaderNames.LOCATION, BASE + doc.id()).send();
    }

    private void list(ServerRequest req, ServerResponse res) {
        Authentication.requireRead(req);
        String tenant = tenants.existing(req);
        LdContext ctx = ld.linkContext(req);
        int limit = Requests.intParam(req, "limit", 100);
        int offset = Requests.intParam(req, "offset", 0);
        if (limit < 0 || offset < 0) throw ProblemException.badData("limit and offset must not be negative");
        if (limit > EntityQuery.MAX_LIMIT) throw new ProblemException(ProblemType.TOO_MANY_RESULTS, "limit must be at most " + EntityQuery.MAX_LIMIT);
        String mediaType = ld.accepted(req, false);
        List<SubscriptionDocument> all = subscriptions.list(tenant);
        ArrayNode out = Json.NODES.arrayNode();
        all.stream().skip(offset).limit(limit).forEach(d -> out.add(render(d, ctx)));
        if ("true".equals(Requests.param(req, "count"))) res.header(Pagination.RESULTS_COUNT, Integer.toString(all.size()));
        Pagination.links(req, res, limit, offset, (long) offset + limit < all.size(), mediaType);
        ld.send(res, 200, out, ctx, mediaType);
    }

    private void get(ServerRequest req, ServerResponse res) {
        Authentication.requireRead(req);
        LdContext ctx = ld.linkContext(req);
        String mediaType = ld.accepted(req, false); // a request that cannot be answered is refused as such, found or not
        ld.send(res, 200, render(existing(req), ctx), ctx, mediaType);
    }

    private void update(ServerRequest req, ServerResponse res) {
        Authentication.requireWrite(req);
        LdExchange.Body body = ld.body(req, LdExchange.PATCH_TYPES);
        SubscriptionDocument current = existing(req);
        if (!body.json().isObject()) throw ProblemException.badData("the body must be a JSON object");
        subscriptions.replace(current.patched(body.json(), body.context(), ld.contexts(), clock.instant()));
        res.status(204).send();
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Authentication.requireWrite(req);
        if (!subscriptions.delete(tenants.existing(req), subscriptionId(req))) throw ProblemException.notFound("subscription not found");
        res.status(204).send();
    }

    private void deadLetters(ServerRequest req, ServerResponse res) {
        Authentication.requireWrite(req);
        ArrayNode out = Json.NODES.arrayNode();
        deadLetters.list(tenants.existing(req), Math.min(Requests.intParam(req, "limit", 100), 1000)).forEach(d -> {
            ObjectNode o = out.addObject().put("id", d.id());
            o.setAll((ObjectNode) d.body());
        });
        res.header(HeaderNames.CONTENT_TYPE, LdExchange.JSON).send(out.toString());
    }

    private SubscriptionDocument existing(ServerRequest req) {
        return subscriptions.get(tenants.existing(req), subscriptionId(req)).orElseThrow(() -> ProblemException.notFound("subscription not found"));
    }

    private static String subscriptionId(ServerRequest req) {
        return EntityIds.requireUri(req.path().pathParameters().get("id"), "subscription id");
    }

    private ObjectNode render(SubscriptionDocument doc, LdContext ctx) {
        ObjectNode out = doc.asRequest(ctx);
        var subscription = doc.compile();
        Instant now = clock.instant();
        out.put("status", !subscription.active() ? "paused" : subscription.isLive(now) ? "active" : "expired");
        SubscriptionStatus status = subscriptions.status(doc.tenant(), doc.id());
        ObjectNode n = (ObjectNode) out.get("notification");
        if (status != null) {
            n.put("timesSent", status.timesSent());
            n.put("timesFailed", status.timesFailed());
            if (status.lastNotification() != null) n.put("lastNotification", status.lastNotification().toString());
            if (status.lastSuccess() != null) n.put("lastSuccess", status.lastSuccess().toString());
            if (status.lastFailure() != null) n.put("lastFailure", status.lastFailure().toString());
        }
        // the status of the last attempt (clause 5.2.14): none before the first
        if (status != null && (status.lastSuccess() != null || status.lastFailure() != null)) {
            n.put("status", status.lastFailure() != null && (status.lastSuccess() == null || status.lastFailure().isAfter(status.lastSuccess())) ? "failed" : "ok");
        }
        return out;
    }
}
