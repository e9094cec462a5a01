package io.city4d.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.city4d.core.model.Attribute;
import io.city4d.core.model.Entity;
import java.util.List;
import java.util.Map;

/** A request to change one entity. The pipeline routes it by entity id to the single writer of its partition. */
public sealed interface Command {

    String entityId();

    /** Creates the entity; fails with AlreadyExists when it exists. */
    record Create(Entity entity) implements Command {
        public String entityId() { return entity.id(); }
    }

    /** Replaces all attributes of an existing entity (keeps its creation time). */
    record Replace(Entity entity) implements Command {
        public String entityId() { return entity.id(); }
    }

    /** Creates the entity, or else replaces it ({@code replace}) or updates its attributes. */
    record Upsert(Entity entity, boolean replace) implements Command {
        public String entityId() { return entity.id(); }
    }

    /**
     * Changes attribute instances of an existing entity, as the mode says; each instance targets the one of its
     * datasetId. {@code nulled} are the instances the update gave the NGSI-LD Null, which deletes them (clause 5.6.2);
     * {@code addedTypes} are entity types (expanded) that the entity gets besides its own, if it lacks them;
     * {@code scopes}, when not null, replace the entity's scopes (APPEND) or are added to them (APPEND_NO_OVERWRITE).
     */
    record UpdateAttributes(String entityId, Map<String, List<Attribute>> attributes, UpdateMode mode, List<Instance> nulled,
                            List<String> addedTypes, List<String> scopes) implements Command {
        public UpdateAttributes(String entityId, Map<String, List<Attribute>> attributes, UpdateMode mode) {
            this(entityId, attributes, mode, List.of(), List.of(), null);
        }

        public UpdateAttributes(String entityId, Map<String, List<Attribute>> attributes, UpdateMode mode, List<Instance> nulled, List<String> addedTypes) {
            this(entityId, attributes, mode, nulled, addedTypes, null);
        }
    }

    /** One instance of an attribute: its name and datasetId (null for the default instance). */
    record Instance(String name, String datasetId) {}

    /**
     * Merges an entity fragment into an existing entity (NGSI-LD merge-patch): each attribute fragment, keyed by its
     * expanded name and given as in NGSI-LD JSON, is merged into the stored attribute of that name, or added; one whose
     * value is {@code "urn:ngsi-ld:null"} deletes the attribute. A fragment named {@code scope} replaces the entity's
     * scopes, or deletes them with the NGSI-LD Null.
     */
    record Merge(String entityId, Map<String, JsonNode> fragments) implements Command {}

    /**
     * Partially updates one existing attribute: the members of the fragment (NGSI-LD JSON with expanded names, such
     * as {@code {"value": 3}} or {@code {"unitCode": "CEL"}}) replace those stored, the rest stay. It merges as
     * {@link Merge} does.
     */
    record PatchAttribute(String entityId, String name, ObjectNode patch) implements Command {}

    /** Replaces the existing instance of an attribute that has the datasetId of the given one. */
    record ReplaceAttribute(String entityId, String name, Attribute attribute) implements Command {}

    /** Deletes the instance of an attribute with that datasetId (null: the default instance), or all its instances. */
    record DeleteAttribute(String entityId, String name, String datasetId, boolean all) implements Command {
        public DeleteAttribute(String entityId, String name) {
            this(entityId, name, null, false);
        }
    }

    record Delete(String entityId) implements Command {}

    /**
     * The command, applied only when the entity has the type (its expanded name): the type selector of the entity
     * operations (clauses 5.6.2 to 5.6.6), checked where the command is applied, so that no write comes between.
     */
    record OfType(String type, Command command) implements Command {
        public String entityId() { return command.entityId(); }
    }

    /** Device telemetry: sets attributes, creating the entity with these types when it does not exist yet. */
    record Ingest(String entityId, List<String> types, Map<String, Attribute> attributes) implements Command {}

    /**
     * Temporal provision (clauses 5.6.11 and 5.6.12): appends the instances to history at their observedAt. The entity
     * is created with these types (and the newest instance of each attribute) when it does not exist, if
     * {@code creates}; an existing entity's attribute instance moves forward only to an instance newer than it.
     */
    record AddHistory(String entityId, List<String> types, Map<String, List<Attribute>> instances, boolean creates) implements Command {}

    enum UpdateMode {
        /** Add new attributes and overwrite existing ones (POST and PATCH .../attrs, clauses 5.6.2 and 5.6.3). */
        APPEND,
        /**
         * As APPEND, but a scope only replaces the scope the entity has: Update Attributes (PATCH .../attrs, clause
         * 5.6.2) treats scope as an attribute and reports one the entity lacks as not updated.
         */
        UPDATE,
        /** Add new attributes only; existing ones are reported as not updated (options=noOverwrite). */
        APPEND_NO_OVERWRITE
    }
}
