package io.city4d.server;

import static io.city4d.server.Api.NGSI;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.city4d.core.security.Role;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Hosted @contexts: each one public by its URL, the listing and the changes only for credentials, tenant by tenant. */
class HostedContextTest {
    @RegisterExtension
    static final RunningServer running = new RunningServer();
    @RegisterExtension
    static final RunningServer onAnyPort = new RunningServer(c -> new ServerConfig(c.host(), 0, c.mqttPort(), c.dataDir(), c.store(), c.dbUrl(),
            c.dbUser(), c.dbPassword(), c.adminToken(), c.maxBodyBytes(), c.notificationRetries(), c.bridge(), c.pipeline(), c.contextAllow(),
            c.notifyAllow(), c.rateLimits()));

    @Test
    void aHostedContextIsPublicByItsUrlButListedOnlyToCredentialsOfItsTenant() {
        String east = hostedPath(running.api.tenant("east"), "{\"@context\":{\"Lamp\":\"urn:east:Lamp\"}}");
        String west = hostedPath(running.api.tenant("west"), "{\"@context\":{\"Lamp\":\"urn:west:Lamp\"}}");
        assertThat(running.api.anonymous().get(east).json().at("/@context/Lamp").asText()).isEqualTo("urn:east:Lamp");

        Api eastReader = running.api.token(running.server.issue(Role.READER, "east")).tenant("east");
        assertThat(listed(eastReader)).anyMatch(u -> u.endsWith(east)).noneMatch(u -> u.endsWith(west));
        assertThat(listed(running.api.tenant("west"))).anyMatch(u -> u.endsWith(west)).noneMatch(u -> u.endsWith(east));
        assertThat(listed(running.api)).as("the default tenant added none").containsExactly("https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld");
        assertThat(eastReader.tenant("west").get(NGSI + "/jsonldContexts").status()).isEqualTo(403);
        assertThat(running.api.anonymous().get(NGSI + "/jsonldContexts/").status()).isEqualTo(401);
        assertThat(running.api.token(running.server.issue(Role.DEVICE, null)).get(NGSI + "/jsonldContexts").status()).isEqualTo(403);

        Api eastOperator = running.api.token(running.server.issue(Role.OPERATOR, "east")).tenant("east");
        assertThat(eastOperator.delete(west).status()).as("another tenant's context is not found").isEqualTo(404);
        assertThat(running.api.anonymous().get(west).status()).isEqualTo(200);
        assertThat(eastOperator.delete(east).status()).isEqualTo(204);
        assertThat(running.api.anonymous().get(east).status()).isEqualTo(404);
    }

    @Test
    void aRequestNamingAHostedContextThatDoesNotExistIsToldSoWithA404() {
        String url = running.server.city.baseUrl() + NGSI + "/jsonldContexts/nope";
        var r = running.api.link(url).get(NGSI + "/types");
        assertThat(r.status()).as(r.toString()).isEqualTo(404);
        assertThat(r.header("Retry-After")).isEmpty();
        assertThat(r.json().get("detail").asText()).contains(url).contains("nope");
        assertThat(running.api.get(NGSI + "/jsonldContexts/nope").status()).isEqualTo(404);
    }

    @Test
    void onAPortTheSystemChoseTheHostedContextsAreListedWithIt() {
        String path = hostedPath(onAnyPort.api, "{\"@context\":{\"Kiosk\":\"urn:example:Kiosk\"}}");
        String url = onAnyPort.server.city.baseUrl() + path;
        assertThat(url).doesNotContain(":0/");
        assertThat(listed(onAnyPort.api)).contains(url);
        String id = "urn:ngsi-ld:Kiosk:" + java.util.UUID.randomUUID();
        assertThat(onAnyPort.api.link(url).post(NGSI + "/entities", EntityApiTest.entity(id, "Kiosk", "")).status()).isEqualTo(201);
        assertThat(onAnyPort.api.get(NGSI + "/entities/" + id).json().get("type").asText()).isEqualTo("urn:example:Kiosk");
    }

    @Test
    void aSubscriptionWithACompoundContextHostsItAsOneImplicitlyCreatedContext() {
        Api east = running.api.tenant("implicit");
        String compound = "[{\"Lamp\":\"urn:example:Lamp\"},\"https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld\"]";
        String id = "urn:ngsi-ld:Subscription:" + java.util.UUID.randomUUID();
        String body = "{\"id\":\"" + id + "\",\"type\":\"Subscription\",\"entities\":[{\"type\":\"Lamp\"}],"
                + "\"notification\":{\"endpoint\":{\"uri\":\"http://127.0.0.1:9/n\"}},\"@context\":" + compound + "}";
        assertThat(east.postLd(NGSI + "/subscriptions", body).status()).isEqualTo(201);
        String url = east.get(NGSI + "/subscriptions/" + id).json().get("jsonldContext").asText();
        assertThat(url).startsWith(running.server.city.baseUrl() + NGSI + "/jsonldContexts/");

        var implicit = east.get(NGSI + "/jsonldContexts?kind=ImplicitlyCreated&details=true").json();
        assertThat(implicit).hasSize(1);
        assertThat(implicit.get(0).get("URL").asText()).isEqualTo(url);
        assertThat(implicit.get(0).get("kind").asText()).isEqualTo("ImplicitlyCreated");
        assertThat(implicit.get(0).get("createdAt").asText()).endsWith("Z");
        assertThat(listed(east)).contains(url);
        assertThat(east.get(NGSI + "/jsonldContexts?kind=Hosted").json()).isEmpty();
        String path = url.substring(url.indexOf(NGSI));
        assertThat(east.anonymous().get(path).json().get("@context")).isEqualTo(Api.parse(compound));
        assertThat(east.get(path + "?details=true").json().get("kind").asText()).isEqualTo("ImplicitlyCreated");
        var lamp = east.link(url).post(NGSI + "/entities", EntityApiTest.entity("urn:ngsi-ld:Lamp:" + java.util.UUID.randomUUID(), "Lamp", ""));
        assertThat(lamp.status()).as("its URL is a context like any other").isEqualTo(201);

        assertThat(east.postLd(NGSI + "/subscriptions", body).status()).as("the same id again").isEqualTo(409);
        String other = body.replace("urn:example:Lamp", "urn:example:Other");
        assertThat(east.postLd(NGSI + "/subscriptions", other).status()).isEqualTo(409);
        assertThat(east.get(NGSI + "/jsonldContexts?kind=ImplicitlyCreated").json()).as("a refused subscription hosts nothing").hasSize(1);

        assertThat(east.delete(path + "?reload=true").status()).isEqualTo(400);
        assertThat(east.delete(path).status()).isEqualTo(204);
        assertThat(east.get(NGSI + "/jsonldContexts?kind=ImplicitlyCreated").json()).isEmpty();
    }

    @Test
    void aSubscriptionNamingOneContextGetsNoImplicitOne() {
        Api single = running.api.tenant("single");
        String body = NotificationAddressPolicyTest.subscription("Lamp", "http://127.0.0.1:9/n").replaceFirst("\\}$",
                ",\"@context\":[\"https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld\"]}");
        var created = single.postLd(NGSI + "/subscriptions", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(single.get(created.header("Location").orElseThrow()).json().has("jsonldContext")).isFalse();
        assertThat(single.get(NGSI + "/jsonldContexts?kind=ImplicitlyCreated").json()).isEmpty();
    }

    private static String hostedPath(Api by, String context) {
        var r = by.post(NGSI + "/jsonldContexts", context);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        String location = r.header("Location").orElseThrow();
        return location.substring(location.indexOf(NGSI));
    }

    private static List<String> listed(Api by) {
        var r = by.get(NGSI + "/jsonldContexts");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> urls = new ArrayList<>();
        r.json().forEach((JsonNode u) -> urls.add(u.asText()));
        return urls;
    }
}
