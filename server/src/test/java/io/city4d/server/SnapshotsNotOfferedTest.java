package io.city4d.server;

import static io.city4d.server.Api.NGSI;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The optional Snapshot API (clause 5.16) is not offered: its requests are 422, never answered from the live entities. */
class SnapshotsNotOfferedTest {
    @RegisterExtension
    static final RunningServer running = new RunningServer();

    @Test
    void snapshotResourcesAndSnapshotScopedReadsAreOperationNotSupported() {
        var created = running.api.post(NGSI + "/snapshots", "{\"type\":\"Snapshot\",\"snapshotQueries\":[{\"type\":\"Query\",\"entities\":[{\"type\":\"V\"}]}]}");
        assertThat(created.status()).isEqualTo(422);
        assertThat(created.problemType()).isEqualTo("OperationNotSupported");
        assertThat(running.api.get(NGSI + "/snapshots/urn:ngsi-ld:Snapshot:1").problemType()).isEqualTo("OperationNotSupported");
        assertThat(running.api.delete(NGSI + "/snapshots?q=snapshotPriority%3C5").problemType()).isEqualTo("OperationNotSupported");
        var scoped = running.api.with("NGSILD-Snapshot", "urn:ngsi-ld:Snapshot:1").get(NGSI + "/entities?type=V");
        assertThat(scoped.status()).isEqualTo(422);
        assertThat(running.api.get(NGSI + "/entities?type=V").status()).isEqualTo(200);
    }
}
