package io.city4d.api.ngsild;

import io.city4d.api.common.Requests;
import io.city4d.core.model.EntityIds;
import io.helidon.webserver.http.ServerRequest;

/**
 * Which instances of an attribute a delete takes, from its {@code datasetId} and {@code deleteAll} parameters: all of
 * them, the one of a datasetId, or (neither given) the default instance (clause 5.6.5).
 */
record InstancesToDelete(String datasetId, boolean all) {
    static InstancesToDelete of(ServerRequest req) {
        boolean all = "true".equals(Requests.param(req, "deleteAll"));
        String datasetId = all ? null : Requests.param(req, "datasetId");
        if (datasetId != null) EntityIds.requireUri(datasetId, "datasetId");
        return new InstancesToDelete(datasetId, all);
    }
}
