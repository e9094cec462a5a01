package io.city4d.api.ngsild;

import io.city4d.api.common.Requests;
import io.city4d.core.model.Json;
import io.city4d.core.pipeline.ChangeListener;
import io.city4d.core.port.Change;
import io.city4d.core.port.DocumentLoader;
import io.city4d.core.port.DocumentStore;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import io.helidon.webserver.http.ServerRequest;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tenants that exist (NGSI-LD clause 5.5.10): the default tenant always, any other from its first write on, by
 * whatever protocol. Operations that do not create anything answer 404 NonexistentTenant for the others. A tenant
 * is recorded once, durably, so it outlives its last entity and restarts.
 */
final class Tenants implements ChangeListener {
    static final String COLLECTION = "tenants";
    private static final String RECORD = "tenant";

    private final DocumentStore documents;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    /** @param alreadyUsed tenants holding data from before tenants were recorded (entities, subscriptions) */
    Tenants(DocumentStore documents, Collection<String> alreadyUsed, DocumentLoader loader) {
        this.documents = documents;
        known.add("");
        loader.forEach(COLLECTION, null, d -> known.add(d.tenant()));
        alreadyUsed.forEach(this::created);
    }

    /** The request's tenant, which must exist. */
    String existing(ServerRequest req) {
        String tenant = Requests.tenant(req);
        if (!known.contains(tenant)) throw new ProblemException(ProblemType.NONEXISTENT_TENANT, "tenant '" + tenant + "' does not exist; it is created by its first write");
        return tenant;
    }

    /** Records a tenant that has just been written to. */
    void created(String tenant) {
        if (known.add(tenant)) documents.put(COLLECTION, tenant, RECORD, Json.NODES.objectNode().put("tenant", tenant));
    }

    @Override
    public void committed(List<Change> changes) {
        for (Change c : changes) {
            if (!known.contains(c.tenant())) created(c.tenant());
        }
    }
}
