package io.city4d.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.city4d.api.common.Authentication;
import io.city4d.api.common.Requests;
import io.city4d.core.device.Device;
import io.city4d.core.device.DeviceRegistry;
import io.city4d.core.model.EntityIds;
import io.city4d.core.model.Json;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.security.Authenticator;
import io.city4d.core.security.Credential;
import io.city4d.core.security.Credentials;
import io.city4d.core.security.Role;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * /admin/v1: devices (each registration issues the device's own key, shown once) and credentials. Admins only.
 */
final class AdminRoutes implements HttpService {
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");
    private final DeviceRegistry devices;
    private final Authenticator authenticator;
    private final Credentials credentials;

    AdminRoutes(DeviceRegistry devices, Authenticator authenticator, Credentials credentials) {
        this.devices = devices;
        this.authenticator = authenticator;
        this.credentials = credentials;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/devices", this::registerDevice)
                .get("/devices", this::listDevices)
                .delete("/devices/{id}", this::deleteDevice)
                .get("/deviceProfiles", this::listProfiles)
                .post("/credentials", this::issueCredential)
                .get("/credentials", this::listCredentials)
                .delete("/credentials/{id}", this::deleteCredential);
    }

    private void registerDevice(ServerRequest req, ServerResponse res) {
        Authentication.requireAdmin(req);
        String tenant = Requests.tenant(req);
        Requests.requireContentType(req, Set.of("application/json"));
        JsonNode body = Requests.json(req);
        String id = body.path("id").asText("");
        if (!DEVICE_ID.matcher(id).matches()) throw ProblemException.badData("device id must be 1 to 128 letters, digits, '_', '.', ':' or '-'");
        String entityId = EntityIds.requireUri(body.path("entityId").asText(null), "entityId");
        String profile = body.path("profile").asText(null);
        if (profile == null) throw ProblemException.badData("profile is required");
        devices.saveDevice(new Device(id, tenant, entityId, profile));
        var issued = authenticator.issue("device " + id, Role.DEVICE, tenant, id);
        ObjectNode out = Json.MAPPER.valueToTree(new Device(id, tenant, entityId, profile));
        out.put("apiKey", issued.secret());
        res.status(201).header(HeaderNames.CONTENT_TYPE, "application/json").send(out.toString());
    }

    private void listDevices(ServerRequest req, ServerResponse res) {
        Authentication.requireAdmin(req);
        res.header(HeaderNames.CONTENT_TYPE, "application/json").send(Json.MAPPER.valueToTree(devices.listDevices(Requests.tenant(req))).toString());
    }

    private void deleteDevice(ServerRequest req, ServerResponse res) {
        Authentication.requireAdmin(req);
        String tenant = Requests.tenant(req);
        String id = req.path().pathParameters().get("id");
        if (!devices.deleteDevice(tenant, id)) throw ProblemException.notFound("no device " + id);
        credentials.revokeDevice(tenant, id);
        res.status(204).send();
    }

    private void listProfiles(ServerRequest req, ServerResponse res) {
        Authentication.requireRead(req);
        res.header(HeaderNames.CONTENT_TYPE, "application/json").send(Json.MAPPER.valueToTree(devices.listProfiles()).toString());
    }

    private void issueCredential(ServerRequest req, ServerResponse res) {
        Authentication.requireAdmin(req);
        Requests.requireContentType(req, Set.of("application/json"));
        JsonNode body = Requests.json(req);
        Role role;
        try {
            role = Role.of(body.path("role").asText(""));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badData("role must be one of admin, operator, analyst, reader, device");
        }
        String name = body.path("name").asText("unnamed");
        String tenant = body.hasNonNull("tenant") ? body.get("tenant").asText() : null;
        var issued = authenticator.issue(name, role, tenant, null);
        ObjectNode out = view(issued.credential());
        out.put("token", issued.secret());
        res.status(201).header(HeaderNames.CONTENT_TYPE, "application/json").send(out.toString());
    }

    private void listCredentials(ServerRequest req, ServerResponse res) {
        Authentication.requireAdmin(req);
        ArrayNode out = Json.NODES.arrayNode();
        credentials.list().forEach(c -> out.add(view(c)));
        res.header(HeaderNames.CONTENT_TYPE, "application/json").send(out.toString());
    }

    private void deleteCredential(ServerRequest req, ServerResponse res) {
        Authentication.requireAdmin(req);
        if (!credentials.delete(req.path().pathParameters().get("id"))) throw ProblemException.notFound("no such credential");
        res.status(204).send();
    }

    /** A credential as shown to admins: never the secret or its hash. */
    private static ObjectNode view(Credential c) {
        ObjectNode o = Json.NODES.objectNode().put("id", c.id()).put("name", c.name()).put("role", c.role().name().toLowerCase())
                .put("createdAt", c.createdAt().toString());
        if (c.tenant() != null) o.put("tenant", c.tenant());
        if (c.deviceId() != null) o.put("deviceId", c.deviceId());
        return o;
    }
}
