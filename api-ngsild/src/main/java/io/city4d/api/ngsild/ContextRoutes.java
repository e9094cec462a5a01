package io.city4d.api.ngsild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.city4d.api.common.Authentication;
import io.city4d.api.common.Requests;
import io.city4d.core.model.Json;
import io.city4d.core.model.Vocabulary;
import io.city4d.core.port.DocumentStore;
import io.city4d.core.problem.ProblemException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Set;
import java.util.UUID;

/**
 * /jsonldContexts: contexts hosted by City4D itself, so clients and the broker need no internet (clause 6.29). One
 * context is served to anyone by its URL, as JSON-LD processors fetch it without credentials; the listing and the
 * changes need a credential, and see only the contexts of the request's tenant (the one that added them).
 */
final class ContextRoutes implements HttpService {
    static final String CORE_ID = "core";
    private static final String OWNER = "tenant";
    private final DocumentStore documents;
    private final ContextResolver resolver;
    private final String localPrefix;

    ContextRoutes(DocumentStore documents, ContextResolver resolver, String localPrefix) {
        this.documents = documents;
        this.resolver = resolver;
        this.localPrefix = localPrefix;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list).post("/", this::add).get("/{id}", this::get).delete("/{id}", this::delete);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Authentication.requireRead(req);
        String tenant = Requests.tenant(req);
        ArrayNode urls = Json.NODES.arrayNode().add(Vocabulary.CORE_CONTEXT_URL);
        // one whose stored text cannot be read is left out
        documents.list(ContextResolver.STORED, "", 10_000, unreadable -> { }).stream().filter(d -> owner(d.body()).equals(tenant)).forEach(d -> urls.add(localPrefix + d.id()));
        res.header(HeaderNames.CONTENT_TYPE, LdExchange.JSON).send(urls.toString());
    }

    private void add(ServerRequest req, ServerResponse res) {
        Authentication.requireWrite(req);
        String tenant = Requests.tenant(req);
        Requests.requireContentType(req, Set.of(LdExchange.JSON, LdExchange.LD_JSON));
        JsonNode body = Requests.json(req);
        if (!body.isObject() || !body.has("@context")) throw ProblemException.badData("a context document is an object with @context");
        String id = UUID.randomUUID().toString();
        ObjectNode stored = Json.NODES.objectNode().put(OWNER, tenant);
        stored.set("body", body);
        documents.put(ContextResolver.STORED, "", id, stored);
        res.status(201).header(HeaderNames.LOCATION, localPrefix + id).send();
    }

    private void get(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        JsonNode doc = CORE_ID.equals(id) ? resolver.coreContextDocument()
                : documents.get(ContextResolver.STORED, "", id).map(d -> d.get("body")).orElseThrow(() -> ProblemException.notFound("no @context " + id));
        res.header(HeaderNames.CONTENT_TYPE, LdExchange.LD_JSON).send(doc.toString());
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Authentication.requireWrite(req);
        String tenant = Requests.tenant(req);
        String id = req.path().pathParameters().get("id");
        boolean owned = documents.get(ContextResolver.STORED, "", id).map(d -> owner(d).equals(tenant)).orElse(false);
        if (!owned || !documents.delete(ContextResolver.STORED, "", id)) throw ProblemException.notFound("no such @context");
        res.status(204).send();
    }

    /** The tenant that added a stored context; those from before tenants were recorded belong to the default tenant. */
    private static String owner(JsonNode stored) {
        return stored.path(OWNER).asText("");
    }
}
