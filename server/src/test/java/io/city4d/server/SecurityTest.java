package io.city4d.server;

import static io.city4d.server.Api.NGSI;
import static io.city4d.server.EntityApiTest.entity;
import static io.city4d.server.EntityApiTest.prop;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.city4d.core.security.Role;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Every endpoint but the public ones needs a credential; roles and tenant limits hold; secrets never reach the logs. */
class SecurityTest {
    private static final String SUBSCRIPTION = "{\"type\":\"Subscription\",\"entities\":[{\"type\":\"Sec\"}],\"notification\":{\"endpoint\":{\"uri\":\"http://127.0.0.1:9/n\"}}}";
    @TempDir
    static Path dir;
    static TestServer server;
    static Api admin;
    static final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    static final List<String> julLogs = new ArrayList<>();
    static final Handler jul = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (julLogs) {
                julLogs.add(record.getMessage() + " " + java.util.Arrays.toString(record.getParameters()));
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeAll
    static void start() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logs.start();
        root.addAppender(logs);
        java.util.logging.Logger.getLogger("").addHandler(jul);
        server = new TestServer(dir);
        admin = server.api();
        admin.post(NGSI + "/entities", entity("urn:ngsi-ld:Sec:1", "Sec", prop("v", 1)));
    }

    @AfterAll
    static void stop() {
        server.close();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        java.util.logging.Logger.getLogger("").removeHandler(jul);
    }

    static Api as(Role role) {
        return admin.token(server.issue(role, null));
    }

    @Test
    void everyEndpointButThePublicOnesNeedsACredential() {
        Api anonymous = admin.anonymous();
        for (String path : List.of(NGSI + "/entities?type=Sec", NGSI + "/entities/urn:ngsi-ld:Sec:1", NGSI + "/types", NGSI + "/attributes",
                NGSI + "/temporal/entities/urn:ngsi-ld:Sec:1", NGSI + "/subscriptions", NGSI + "/deadLetters", NGSI + "/jsonldContexts",
                "/metrics", "/events", "/admin/v1/credentials", "/admin/v1/devices")) {
            var r = anonymous.get(path);
            assertThat(r.status()).as(path).isEqualTo(401);
            assertThat(r.header("WWW-Authenticate").orElse("")).startsWith("Bearer");
            assertThat(r.json().get("type").asText()).endsWith("unauthorized");
        }
        assertThat(anonymous.post(NGSI + "/entities", entity("urn:ngsi-ld:Sec:anon", "Sec", "")).status()).isEqualTo(401);
        assertThat(anonymous.post(NGSI + "/entityOperations/upsert", "[]").status()).isEqualTo(401);
        assertThat(admin.get(NGSI + "/entities/urn:ngsi-ld:Sec:anon").status()).isEqualTo(404);
        for (String open : List.of("/health", "/", "/api/v1/status", NGSI + "/jsonldContexts/core")) {
            var r = anonymous.get(open);
            assertThat(r.status()).as(open).isEqualTo(200);
            assertThat(r.body()).as(open + " names no file or server of the store").doesNotContain("city4d.db").doesNotContain("jdbc:");
        }
        String hosted = admin.post(NGSI + "/jsonldContexts", "{\"@context\":{\"A\":\"urn:a\"}}").header("Location").orElseThrow();
        String hostedPath = hosted.substring(hosted.indexOf(NGSI));
        assertThat(anonymous.get(hostedPath).status()).as("hosted contexts are public to read").isEqualTo(200);
        assertThat(anonymous.delete(hostedPath).status()).as("but not to delete").isEqualTo(401);
        assertThat(anonymous.get(hostedPath).status()).isEqualTo(200);
        assertThat(admin.token("not-a-token").get(NGSI + "/types").status()).isEqualTo(401);
        assertThat(admin.with("Authorization", "Basic dXNlcjpwYXNz").get(NGSI + "/types").status()).isEqualTo(401);
        String key = server.issue(Role.READER, null);
        assertThat(admin.anonymous().with("X-API-Key", key).get(NGSI + "/types").status()).as("X-API-Key works like a bearer token").isEqualTo(200);
    }

    @Test
    void rolesGetWhatTheDocsSay() {
        Api reader = as(Role.READER);
        Api analyst = as(Role.ANALYST);
        Api operator = as(Role.OPERATOR);
        Api device = as(Role.DEVICE);
        Map<Api, String> names = Map.of(reader, "reader", analyst, "analyst", operator, "operator", device, "device", admin, "admin");

        for (Api who : List.of(reader, analyst, operator, admin)) {
            assertThat(who.get(NGSI + "/entities/urn:ngsi-ld:Sec:1").status()).as(names.get(who) + " reads the twin").isEqualTo(200);
            assertThat(who.get(NGSI + "/types").status()).isEqualTo(200);
            assertThat(who.get(NGSI + "/subscriptions").status()).isEqualTo(200);
        }
        var deviceRead = device.get(NGSI + "/entities/urn:ngsi-ld:Sec:1");
        assertThat(deviceRead.status()).as("a device cannot read the twin").isEqualTo(403);
        assertThat(device.get(NGSI + "/types").status()).isEqualTo(403);

        for (Api who : List.of(reader, analyst, device)) {
            String n = names.get(who);
            assertThat(who.post(NGSI + "/entities", entity("urn:ngsi-ld:Sec:" + n, "Sec", "")).status()).as(n + " cannot create").isEqualTo(403);
            assertThat(who.patch(NGSI + "/entities/urn:ngsi-ld:Sec:1/attrs", "{" + prop("v", 9) + "}").status()).isEqualTo(403);
            assertThat(who.delete(NGSI + "/entities/urn:ngsi-ld:Sec:1").status()).isEqualTo(403);
            assertThat(who.post(NGSI + "/entityOperations/upsert", "[" + entity("urn:ngsi-ld:Sec:b" + n, "Sec", "") + "]").status()).isEqualTo(403);
            assertThat(who.post(NGSI + "/subscriptions", SUBSCRIPTION).status()).isEqualTo(403);
            assertThat(who.post(NGSI + "/jsonldContexts", "{\"@context\":{}}").status()).isEqualTo(403);
        }
        assertThat(admin.get(NGSI + "/entities/urn:ngsi-ld:Sec:1").json().at("/v/value").asInt()).as("nothing was written").isEqualTo(1);

        assertThat(reader.get(NGSI + "/temporal/entities/urn:ngsi-ld:Sec:1").status()).as("history needs analyst").isEqualTo(403);
        assertThat(analyst.get(NGSI + "/temporal/entities/urn:ngsi-ld:Sec:1").status()).isEqualTo(200);
        assertThat(operator.get(NGSI + "/temporal/entities/urn:ngsi-ld:Sec:1").status()).isEqualTo(200);

        assertThat(operator.post(NGSI + "/entities", entity("urn:ngsi-ld:Sec:op", "Sec", "")).status()).isEqualTo(201);
        assertThat(operator.post(NGSI + "/subscriptions", SUBSCRIPTION).status()).isEqualTo(201);
        assertThat(operator.get(NGSI + "/deadLetters").status()).isEqualTo(200);
        assertThat(reader.get(NGSI + "/deadLetters").status()).isEqualTo(403);

        for (Api who : List.of(reader, analyst, operator, device)) {
            assertThat(who.get("/admin/v1/credentials").status()).as(names.get(who) + " is not an admin").isEqualTo(403);
            assertThat(who.post("/admin/v1/credentials", "{\"role\":\"admin\"}").status()).isEqualTo(403);
        }
        assertThat(admin.get("/admin/v1/credentials").status()).isEqualTo(200);
    }

    @Test
    void aCredentialLimitedToOneTenantCannotReachAnother() {
        Api limited = admin.token(server.issue(Role.OPERATOR, "east"));
        assertThat(limited.tenant("east").post(NGSI + "/entities", entity("urn:ngsi-ld:Sec:east", "Sec", "")).status()).isEqualTo(201);
        assertThat(limited.tenant("east").get(NGSI + "/entities/urn:ngsi-ld:Sec:east").status()).isEqualTo(200);
        assertThat(limited.get(NGSI + "/entities/urn:ngsi-ld:Sec:1").status()).as("the default tenant").isEqualTo(403);
        assertThat(limited.tenant("west").post(NGSI + "/entities", entity("urn:ngsi-ld:Sec:west", "Sec", "")).status()).isEqualTo(403);
        assertThat(limited.tenant("west").get(NGSI + "/types").status()).isEqualTo(403);
        assertThat(admin.tenant("west").get(NGSI + "/entities/urn:ngsi-ld:Sec:west").problemType()).as("nothing created in west").isEqualTo("NonexistentTenant");
        assertThat(limited.tenant("west").get("/events").status()).isEqualTo(403);
    }

    @Test
    void secretsNeverReachTheLogs() {
        String reader = server.issue(Role.READER, null);
        String bogus = "c4d_bogus_secret_" + "z".repeat(40);
        admin.token(reader).get(NGSI + "/entities/urn:ngsi-ld:Sec:1");
        admin.token(bogus).get(NGSI + "/types");
        admin.anonymous().with("X-API-Key", bogus).get(NGSI + "/types");
        admin.token(reader).post(NGSI + "/entities", "{");
        admin.get(NGSI + "/entities?type=Sec&q=" + Api.enc("v~=\"^(.*a){12}b$\""));
        admin.post("/admin/v1/credentials", "{\"role\":\"reader\",\"name\":\"logged\"}");
        List<String> all = new ArrayList<>();
        logs.list.forEach(e -> all.add(e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage())));
        synchronized (julLogs) {
            all.addAll(julLogs);
        }
        assertThat(all).noneMatch(line -> line.contains(reader) || line.contains(bogus) || line.contains(TestServer.ADMIN));
    }
}
