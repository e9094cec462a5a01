package io.city4d.server;

import io.city4d.api.common.Authentication;
import io.city4d.api.common.CpuBoundWork;
import io.city4d.api.common.Requests;
import io.city4d.core.device.DeviceTelemetry;
import io.city4d.core.security.Principal;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Set;

/** HTTP device ingest: POST /ingest/v1/devices/{deviceId} with the device's JSON payload; 204 once durable. */
final class IngestRoutes implements HttpService {
    private final DeviceTelemetry telemetry;

    IngestRoutes(DeviceTelemetry telemetry) {
        this.telemetry = telemetry;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/devices/{deviceId}", this::ingest);
    }

    private void ingest(ServerRequest req, ServerResponse res) {
        Principal sender = Authentication.require(req, role -> true, "send telemetry");
        Requests.requireContentType(req, Set.of("application/json"));
        String tenant = Requests.tenant(req);
        String deviceId = req.path().pathParameters().get("deviceId");
        byte[] payload = Requests.bytes(req);
        Requests.await(CpuBoundWork.shared().run(payload.length, () -> telemetry.ingest(sender, tenant, deviceId, payload)));
        res.status(204).send();
    }
}
