package io.city4d.api.ngsild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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

/** /jsonldContexts: contexts hosted by City4D itself, so clients and the broker need no internet (clause 6.29). */
final class ContextRoutes implements HttpService {
    static final String CORE_ID = "core";
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
        ArrayNode urls = Json.NODES.arrayNode().add(Vocabulary.CORE_CONTEXT_URL);
        documents.list(ContextResolver.STORED, "", 10_000).forEach(d -> urls.add(localPrefix + d.id()));
        res.header(HeaderNames.CONTENT_TYPE, LdExchange.JSON).send(urls.toString());
    }

    private void add(ServerRequest req, ServerResponse res) {
        Authentication.requireWrite(req);
        Requests.requireContentType(req, Set.of(LdExchange.JSON, LdExchange.LD_JSON));
        JsonNode body = Requests.json(req);
        if (!body.isObject() || !body.has("@context")) throw ProblemException.badData("a context document is an object with @context");
        String id = UUID.randomUUID().toString();
        documents.put(ContextResolver.STORED, "", id, Json.NODES.objectNode().set("body", body));
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
        if (!documents.delete(ContextResolver.STORED, "", req.path().pathParameters().get("id"))) throw ProblemException.notFound("no such @context");
        res.status(204).send();
    }
}
