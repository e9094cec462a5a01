package io.city4d.api.ngsild;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.city4d.core.model.Entity;
import io.city4d.core.model.Format;

/**
 * Entities as the NGSI-LD API shows them under one active @context: names given by a client expand through it, and
 * entities go out compacted by it. For what the server sends beside the API, such as the /events stream.
 */
public final class LdView {
    private final LdContext context;
    private final EntityView normalized;

    LdView(LdContext context) {
        this.context = context;
        this.normalized = new EntityView(Format.NORMALIZED, false, MemberFilter.ALL, LinkedEntities.NONE, context, null);
    }

    /** The IRI of a type or attribute name. */
    public String expand(String term) {
        return context.expand(term);
    }

    /** The entity in the normalized form, its type and attribute names compacted. */
    public ObjectNode render(Entity entity) {
        return normalized.render(entity);
    }

    /** The Link header value that names the context, as the API's JSON responses carry it. */
    public String linkHeader() {
        return LdExchange.linkHeader(context);
    }
}
