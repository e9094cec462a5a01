package io.city4d.server;

import static io.city4d.server.Api.NGSI;
import static io.city4d.server.Api.enc;
import static io.city4d.server.EntityApiTest.entity;
import static io.city4d.server.EntityApiTest.freshType;
import static io.city4d.server.EntityApiTest.prop;
import static io.city4d.server.ErrorTest.problem;
import static org.assertj.core.api.Assertions.assertThat;

import io.city4d.core.model.Json;
import io.city4d.core.model.Property;
import io.city4d.core.pipeline.Command;
import io.city4d.core.pipeline.TwinOperations;
import io.city4d.core.query.QueryParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Values that JSON allows but no store can hold, and queries larger than a store answers in one statement, are
 * refused with a 4xx or answered correctly; none reaches a commit that it would fail for others.
 */
class UnstorableValuesTest {
    @RegisterExtension
    static final RunningServer running = new RunningServer();

    private static final String[] UNSTORABLE = {
        "{\"id\":\"urn:u:\\ud800\",\"type\":\"T\"}",
        "{\"id\":\"urn:u:\\udc00\",\"type\":\"T\"}",
        "{\"id\":\"urn:u:1\",\"type\":\"T\",\"v\":1e999}",
        "{\"id\":\"urn:u:2\",\"type\":\"T\",\"v\":{\"type\":\"Property\",\"value\":-1e999}}",
        "{\"id\":\"urn:u:3\",\"type\":\"T\",\"v\":\"a\\ud800b\"}",
        "{\"id\":\"urn:u:4\",\"type\":\"T\\udbff\"}",
    };

    @Test
    void numbersPastTheDoubleRangeAndUnpairedSurrogatesAreRefusedAndNothingIsWritten() {
        for (String body : UNSTORABLE) {
            assertThat(problem(running.api.post(NGSI + "/entities", body), 400)).as(body).isEqualTo("BadRequestData");
        }
        assertThat(running.api.get(NGSI + "/entities?type=T").json()).as("no entity, and no id turned into '?'").isEmpty();

        String type = freshType();
        var batch = running.api.post(NGSI + "/entityOperations/upsert", "[" + entity("urn:u:ok", type, prop("v", 1)) + ","
                + entity("urn:u:infinite", type, "\"v\":1e999") + "]");
        assertThat(batch.status()).as("the request body as a whole is not JSON City4D takes").isEqualTo(400);
        var patch = running.api.patch(NGSI + "/entities/urn:u:ok/attrs", "{\"v\":{\"type\":\"Property\",\"value\":1e400}}");
        assertThat(patch.status()).isEqualTo(400);
    }

    @Test
    void deviceTimesOutsideTheYears0000To9999AreRefused() {
        var device = running.api.post("/admin/v1/devices", "{\"id\":\"time-aq\",\"entityId\":\"urn:ngsi-ld:AirQualityObserved:time-aq\",\"profile\":\"air-quality\"}");
        Api deviceApi = running.api.token(device.json().get("apiKey").asText());
        for (String ts : new String[] {"1e20", "99999999999999999999", "1e308", "253402300800000"}) {
            var sent = deviceApi.post("/ingest/v1/devices/time-aq", "{\"pm25\": 3, \"ts\": " + ts + "}");
            assertThat(problem(sent, 400)).as(ts).isEqualTo("BadRequestData");
        }
        assertThat(deviceApi.post("/ingest/v1/devices/time-aq", "{\"pm25\": 3, \"ts\": 1764057600}").status()).isEqualTo(204);
    }

    @Test
    void aListOfThousandsOfValuesIsAnsweredAndTooManyTermsAreTooComplex() {
        String type = freshType();
        running.api.post(NGSI + "/entities", entity("urn:u:list", type, prop("temperature", 7)));
        String ones = "1,".repeat(1_500) + "7";
        var listed = running.api.get(NGSI + "/entities?type=" + type + "&q=" + enc("temperature==" + ones));
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json()).hasSize(1);
        String terms = IntStream.rangeClosed(0, QueryParser.MAX_TERMS).mapToObj(i -> "temperature==" + i).collect(Collectors.joining("|"));
        assertThat(problem(running.api.get(NGSI + "/entities?type=" + type + "&q=" + enc(terms)), 403)).isEqualTo("TooComplexQuery");
    }

    /** The scenario: while such writes are sent, clients updating other entities get no 5xx. */
    @Test
    void unstorableWritesFailNoOtherClientsWrites() throws Exception {
        String type = freshType();
        for (int i = 0; i < 4; i++) running.api.post(NGSI + "/entities", entity("urn:u:good-" + i, type, prop("n", 0)));
        ExecutorService clients = Executors.newFixedThreadPool(5);
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                String id = "urn:u:good-" + c;
                work.add(clients.submit(() -> {
                    for (int i = 1; i <= 100; i++) {
                        var r = running.api.patch(NGSI + "/entities/" + id + "/attrs", "{" + prop("n", i) + "}");
                        if (r.status() != 204) failures.add(id + " " + r);
                    }
                }));
            }
            work.add(clients.submit(() -> {
                for (int i = 0; i < 30; i++) {
                    var r = running.api.post(NGSI + "/entities", UNSTORABLE[i % UNSTORABLE.length]);
                    if (r.status() != 400) failures.add("unstorable " + r);
                }
            }));
            for (Future<?> f : work) f.get(60, TimeUnit.SECONDS);
        } finally {
            clients.shutdownNow();
        }
        assertThat(failures).isEmpty();
        for (int c = 0; c < 4; c++) assertThat(running.api.get(NGSI + "/entities/urn:u:good-" + c).json().at("/n/value").asInt()).isEqualTo(100);
    }

    /** History that earlier versions wrote with infinities aggregates to values without a number, not to a 500. */
    @Test
    void aggregatesOverInfinitiesStoredByEarlierVersionsAreNull() {
        String type = freshType();
        running.api.post(NGSI + "/entities", entity("urn:u:inf", type, prop("v", 1)));
        var store = running.server.city.storage().entities();
        for (double value : new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            var change = TwinOperations.apply("", new Command.UpdateAttributes("urn:u:inf",
                    Map.of("https://uri.etsi.org/ngsi-ld/default-context/v", List.of(Property.of(Json.NODES.numberNode(value), null))),
                    Command.UpdateMode.APPEND), store.find("", "urn:u:inf"), Instant.now()).change();
            store.commit(List.of(change));
        }
        var aggregated = running.api.get(NGSI + "/temporal/entities/urn:u:inf?attrs=v&options=aggregatedValues&aggrMethods=avg,sum,totalCount"
                + "&aggrPeriodDuration=PT0S");
        assertThat(aggregated.status()).as(aggregated.toString()).isEqualTo(200);
        assertThat(aggregated.json().at("/v/avg/0/0").isNull()).isTrue();
        assertThat(aggregated.json().at("/v/sum/0/0").isNull()).isTrue();
        assertThat(aggregated.json().at("/v/totalCount/0/0").asInt()).isEqualTo(3);
    }
}
