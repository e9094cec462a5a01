package io.city4d.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.city4d.core.model.Attribute;
import io.city4d.core.model.Entity;
import io.city4d.core.model.Instances;
import io.city4d.core.model.Json;
import io.city4d.core.model.Property;
import io.city4d.core.pipeline.Command.UpdateMode;
import io.city4d.core.port.Change;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwinOperationsTest {
    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);

    private static Property value(double v) {
        return Property.of(Json.NODES.numberNode(v), null);
    }

    private static Entity sensor(Map<String, Attribute> attrs) {
        return Entity.of("urn:ngsi-ld:Sensor:1", List.of("urn:t:Sensor"), attrs, null, null);
    }

    private static Entity created() {
        return TwinOperations.apply("", new Command.Create(sensor(Map.of("a", value(1)))), null, T0).entity();
    }

    @Test
    void createStampsTimesAndRecordsHistory() {
        Outcome o = TwinOperations.apply("", new Command.Create(sensor(Map.of("a", value(1)))), null, T0);
        assertThat(o.change().kind()).isEqualTo(Change.Kind.CREATED);
        assertThat(o.entity().createdAt()).isEqualTo(T0);
        assertThat(o.entity().attribute("a").createdAt()).isEqualTo(T0);
        assertThat(o.change().history()).singleElement().satisfies(h -> assertThat(h.at()).isEqualTo(T0));
        assertThatThrownBy(() -> TwinOperations.apply("", new Command.Create(sensor(Map.of())), o.entity(), T1))
                .extracting(e -> ((ProblemException) e).type()).isEqualTo(ProblemType.ALREADY_EXISTS);
    }

    @Test
    void updateModesAcceptAndRefuseAsNgsiLdSays() {
        Entity current = created();
        Outcome updated = TwinOperations.apply("", new Command.UpdateAttributes(current.id(), Instances.single(Map.of("a", value(2), "b", value(3))), UpdateMode.APPEND), current, T1);
        assertThat(updated.entity().attributes()).as("an update appends what the entity lacks (clause 5.6.2)").containsOnlyKeys("a", "b");
        assertThat(updated.notUpdated()).isEmpty();
        assertThat(updated.entity().attribute("a").createdAt()).as("an attribute keeps its creation time").isEqualTo(T0);
        assertThat(updated.entity().attribute("a").modifiedAt()).isEqualTo(T1);

        Outcome noOverwrite = TwinOperations.apply("", new Command.UpdateAttributes(current.id(), Instances.single(Map.of("a", value(2), "b", value(3))), UpdateMode.APPEND_NO_OVERWRITE), current, T1);
        assertThat(((Property) noOverwrite.entity().attribute("a")).value().asDouble()).isEqualTo(1);
        assertThat(noOverwrite.entity().attributes()).containsKeys("a", "b");

        Outcome nothing = TwinOperations.apply("", new Command.UpdateAttributes(current.id(), Map.of(), UpdateMode.APPEND,
                List.of(new Command.Instance("z", null)), List.of()), current, T1);
        assertThat(nothing.change()).as("nothing written when nothing was accepted").isNull();
        assertThat(nothing.notUpdated()).extracting(Outcome.NotUpdated::attribute).containsExactly("z");
    }

    @Test
    void anUpdateAddsTheTypesTheEntityLacksUnderATypeSelector() {
        Entity current = created();
        Outcome typed = TwinOperations.apply("", new Command.OfType(current.types().get(0), new Command.UpdateAttributes(current.id(), Map.of(), UpdateMode.APPEND,
                List.of(), List.of(current.types().get(0), "urn:t:Extra"))), current, T1);
        assertThat(typed.entity().types()).containsExactly(current.types().get(0), "urn:t:Extra");
        assertThat(typed.entity().modifiedAt()).isEqualTo(T1);
        assertThat(typed.change().before()).isSameAs(current);

        assertThatThrownBy(() -> TwinOperations.apply("", new Command.OfType("urn:t:Other", new Command.Delete(current.id())), current, T1))
                .as("a type selector the entity does not match finds no entity (clause 5.6.6)")
                .extracting(e -> ((ProblemException) e).type()).isEqualTo(ProblemType.RESOURCE_NOT_FOUND);
    }

    @Test
    void patchMergesAndKeepsWhatIsNotGiven() {
        Entity current = TwinOperations.apply("", new Command.Create(sensor(Map.of("a",
                new Property(Json.NODES.numberNode(1), "CEL", T0, null, Map.of("acc", value(0.5)), null, null)))), null, T0).entity();
        Entity patched = TwinOperations.apply("", new Command.PatchAttribute(current.id(), "a", Json.NODES.objectNode().put("value", 7)), current, T1).entity();
        Property a = (Property) patched.attribute("a");
        assertThat(a.value().asDouble()).isEqualTo(7);
        assertThat(a.unitCode()).isEqualTo("CEL");
        assertThat(a.subAttributes()).containsKey("acc");
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Entity withReading() {
        return TwinOperations.apply("", new Command.Create(sensor(Map.of("a",
                new Property(Json.NODES.numberNode(1), "CEL", T0, null, Map.of("acc", value(0.5), "src", value(2)), null, null)))), null, T0).entity();
    }

    private static Entity merge(Entity current, String fragmentJson) {
        var fragment = json(fragmentJson);
        Map<String, com.fasterxml.jackson.databind.JsonNode> fragments = new java.util.LinkedHashMap<>();
        fragment.properties().forEach(f -> fragments.put(f.getKey(), f.getValue()));
        return TwinOperations.apply("", new Command.Merge(current.id(), fragments), current, T1).entity();
    }

    @Test
    void mergeLaysFragmentsOverTheStoredAttribute() {
        Entity current = withReading();
        Property unit = (Property) merge(current, "{\"a\":{\"unitCode\":\"FAH\"}}").attribute("a");
        assertThat(unit.value().asDouble()).as("a fragment without a value keeps it").isEqualTo(1);
        assertThat(unit.unitCode()).isEqualTo("FAH");
        assertThat(unit.observedAt()).isEqualTo(T0);
        assertThat(unit.subAttributes()).containsOnlyKeys("acc", "src");

        Property observed = (Property) merge(current, "{\"a\":{\"observedAt\":\"2026-11-25T09:00:00Z\"}}").attribute("a");
        assertThat(observed.value().asDouble()).isEqualTo(1);
        assertThat(observed.observedAt()).isEqualTo(Instant.parse("2026-11-25T09:00:00Z"));

        Property concise = (Property) merge(current, "{\"a\":42}").attribute("a");
        assertThat(concise.value().asDouble()).as("a concise value replaces only the value").isEqualTo(42);
        assertThat(concise.unitCode()).isEqualTo("CEL");

        Property sub = (Property) merge(current, "{\"a\":{\"acc\":{\"type\":\"Property\",\"value\":0.9},\"src\":\"urn:ngsi-ld:null\",\"unitCode\":\"urn:ngsi-ld:null\"}}").attribute("a");
        assertThat(((Property) sub.subAttributes().get("acc")).value().asDouble()).isEqualTo(0.9);
        assertThat(sub.subAttributes()).as("urn:ngsi-ld:null removes a sub-attribute").containsOnlyKeys("acc");
        assertThat(sub.unitCode()).as("and a member").isNull();

        Entity deleted = merge(current, "{\"a\":{\"value\":\"urn:ngsi-ld:null\"},\"b\":{\"type\":\"Relationship\",\"object\":\"urn:x:1\"}}");
        assertThat(deleted.attributes()).as("a null value deletes; a new attribute is added").containsOnlyKeys("b");

        Entity kind = merge(current, "{\"a\":{\"type\":\"Relationship\",\"object\":\"urn:x:2\"}}");
        assertThat(kind.attribute("a").kind()).as("another kind replaces").isEqualTo("Relationship");
        assertThat(kind.attribute("a").subAttributes()).isEmpty();

        assertThatThrownBy(() -> merge(current, "{\"new\":{\"unitCode\":\"CEL\"}}")).as("a new attribute needs a value")
                .extracting(e -> ((ProblemException) e).type()).isEqualTo(ProblemType.BAD_REQUEST_DATA);
    }

    @Test
    void patchOfOneAttributeMergesTheSameWay() {
        Entity current = withReading();
        var fragment = (com.fasterxml.jackson.databind.node.ObjectNode) json("{\"unitCode\":\"FAH\",\"src\":\"urn:ngsi-ld:null\"}");
        Entity patched = TwinOperations.apply("", new Command.PatchAttribute(current.id(), "a", fragment), current, T1).entity();
        assertThat(patched.attribute("a")).isEqualTo(merge(current, "{\"a\":{\"unitCode\":\"FAH\",\"src\":\"urn:ngsi-ld:null\"}}").attribute("a"));
        var nullValue = (com.fasterxml.jackson.databind.node.ObjectNode) json("{\"value\":\"urn:ngsi-ld:null\"}");
        assertThat(TwinOperations.apply("", new Command.PatchAttribute(current.id(), "a", nullValue), current, T1).entity().attributes()).isEmpty();
    }

    @Test
    void missingEntitiesAndAttributesAreNotFound() {
        Entity current = created();
        for (Command c : List.of(new Command.Delete("urn:x:none"), new Command.UpdateAttributes("urn:x:none", Instances.single(Map.of("a", value(1))), UpdateMode.APPEND))) {
            assertThatThrownBy(() -> TwinOperations.apply("", c, null, T1)).extracting(e -> ((ProblemException) e).type()).isEqualTo(ProblemType.RESOURCE_NOT_FOUND);
        }
        assertThatThrownBy(() -> TwinOperations.apply("", new Command.DeleteAttribute(current.id(), "zz"), current, T1))
                .extracting(e -> ((ProblemException) e).type()).isEqualTo(ProblemType.RESOURCE_NOT_FOUND);
    }

    @Test
    void ingestCreatesThenUpdates() {
        Outcome first = TwinOperations.apply("", new Command.Ingest("urn:ngsi-ld:Sensor:9", List.of("urn:t:Sensor"), Map.of("a", value(1))), null, T0);
        assertThat(first.change().kind()).isEqualTo(Change.Kind.CREATED);
        Outcome second = TwinOperations.apply("", new Command.Ingest("urn:ngsi-ld:Sensor:9", List.of("urn:t:Sensor"), Map.of("b", value(2))), first.entity(), T1);
        assertThat(second.entity().attributes()).containsKeys("a", "b");
        assertThat(second.change().history()).extracting(Change.HistoryPoint::attribute).containsExactly("b");
    }
}
