package io.city4d.api.ngsild;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.city4d.core.model.EntityJson;
import io.city4d.core.problem.ProblemException;
import java.util.Set;

/** The members of an entity a response shows: those {@code attrs} lists, {@code pick} keeps and {@code omit} leaves. */
record MemberFilter(Set<String> attrs, Projection pick, Projection omit) {
    static final MemberFilter ALL = new MemberFilter(null, null, null);

    /** The filter of a request; 400 when pick or omit come with attrs, or pick keeps what omit drops. */
    static MemberFilter of(Set<String> attrs, Projection pick, Projection omit) {
        if (attrs != null && (pick != null || omit != null)) throw ProblemException.badData("pick and omit cannot be combined with attrs");
        String conflict = pick == null || omit == null ? null : pick.conflictWith(omit);
        if (conflict != null) throw ProblemException.badData("pick and omit both name " + conflict);
        return new MemberFilter(attrs, pick, omit);
    }

    boolean keepsAttribute(String name) {
        return (attrs == null || attrs.contains(name)) && keepsMember(name);
    }

    private boolean keepsMember(String name) {
        return (pick == null || pick.names(name)) && (omit == null || !omit.namesWhole(name));
    }

    /** Removes the core and system members (id, type, createdAt...) that pick does not keep or omit drops. */
    void filterEntityMembers(ObjectNode expandedEntity) {
        if (pick == null && omit == null) return;
        expandedEntity.properties().removeIf(member -> EntityJson.ENTITY_MEMBERS.contains(member.getKey()) && !keepsMember(member.getKey()));
    }

    /** Applies pick and omit to an entity rendered and compacted already (a temporal representation). */
    void filterCompacted(ObjectNode compactedEntity, LdContext context) {
        if (pick == null && omit == null) return;
        compactedEntity.properties().removeIf(member -> {
            String name = member.getKey();
            return !keepsMember(EntityJson.ENTITY_MEMBERS.contains(name) ? name : context.expand(name));
        });
    }

    /** How many relationship hops the linked entity projections of pick and omit reach; more than the join follows is an error. */
    int linkDepth() {
        return Math.max(pick == null ? 0 : pick.linkDepth(), omit == null ? 0 : omit.linkDepth());
    }

    /** The filter of the entities that an attribute links to: the projections in its braces, else everything. */
    MemberFilter linked(String attribute) {
        return new MemberFilter(null, pick == null ? null : pick.linked(attribute), omit == null ? null : omit.linked(attribute));
    }
}
