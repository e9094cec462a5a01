package io.city4d.server;

import static io.city4d.server.Api.NGSI;
import static io.city4d.server.EntityApiTest.entity;
import static io.city4d.server.EntityApiTest.freshType;
import static io.city4d.server.EntityApiTest.prop;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Collection paths as the spec writes them, with a trailing slash (clause 6.1.3.1), are the paths without it. */
class TrailingSlashTest {
    @RegisterExtension
    static final RunningServer running = new RunningServer();

    @Test
    void collectionsAnswerWithAndWithoutATrailingSlash() {
        String type = freshType();
        String id = "urn:ngsi-ld:" + type + ":" + UUID.randomUUID();
        assertThat(running.api.post(NGSI + "/entities/", entity(id, type, prop("level", 1))).status()).isEqualTo(201);
        assertThat(running.api.post(NGSI + "/entities/" + id + "/attrs/", "{" + prop("depth", 2) + "}").status()).isEqualTo(204);
        assertThat(running.api.get(NGSI + "/entities/" + id).json().has("depth")).isTrue();

        for (String collection : new String[] {"/types/", "/attributes/", "/subscriptions/", "/jsonldContexts/", "/temporal/entities/?type=" + type}) {
            assertThat(running.api.get(NGSI + collection).status()).as(collection).isEqualTo(200);
        }
        var subscription = running.api.post(NGSI + "/subscriptions/", """
                {"type":"Subscription","entities":[{"type":"%s"}],"notification":{"endpoint":{"uri":"http://127.0.0.1:9/notify"}}}
                """.formatted(type));
        assertThat(subscription.status()).isEqualTo(201);
        assertThat(running.api.get(NGSI + "/types/" + type).status()).isEqualTo(200);
        String location = subscription.header("Location").orElseThrow();
        assertThat(running.api.get(location + "/").status()).isEqualTo(200);
    }
}
