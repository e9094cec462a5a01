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
import io.city4d.core.security.Credential;
import io.city4d.core.security.CredentialAdministration;
import io.city4d.core.security.Principal;
import io.city4d.core.security.Role;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * /admin/v1: devices (each registration issues the device's own key, shown once) and credentials. Admins only, each
 * within its own tenant: the NGSILD-Tenant header names the tenant of devices, the body's tenant that of a credential.
 */
final class AdminRoutes implements HttpService {
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");
    private static final int MAX_NAME = 128;
    private final DeviceRegistry devices;
    private final CredentialAdministration credentials;

    AdminRoutes(DeviceRegistry devices, CredentialAdministration credentials) {
        this.devices = devices;
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
        Principal admin = Authentication.requireAdmin(req);
        String tenant = Requests.tenant(req);
        Requests.requireContentType(req, Set.of("application/json"));
        JsonNode body = Requests.json(req);
        String id = body.path("id").asText("");
        if (!DEVICE_ID.matcher(id).matches()) throw ProblemException.badData("device id must be 1 to 128 letters, digits, '_', '.', ':' or '-'");
        JsonNode bodyTenant = body.get("tenant");
        if (bodyTenant != null && !(bodyTenant.isTextual() && bodyTenant.asText().equals(tenant))) {
            throw ProblemException.badData("a device belongs to the tenant of the NGSILD-Tenant header ('" + tenant + "'); leave tenant out of the body");
        }
        String entityId = EntityIds.requireUri(body.path("entityId").asText(null), "entityId");
        String profile = body.path("profile").asText(null);
        if (profile == null) throw ProblemException.badData("profile is required");
        boolean again = devices.findDevice(tenant, id).isPresent();
        devices.saveDevice(new Device(id, tenant, entityId, profile));
        // registering a device again replaces its registration and its key: a lost or leaked key stops working
        if (again) credentials.revokeDeviceKeys(tenant, id);
        var issued = credentials.issueDeviceKey(admin, tenant, id);
        ObjectNode out = Json.MAPPER.valueToTree(new Device(id, tenant, entityId, profile));
        out.put("apiKey", issued.secret());
        res.status(again ? 200 : 201).header(HeaderNames.CONTENT_TYPE, "application/json").send(out.toString());
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
        credentials.revokeDeviceKeys(tenant, id);
        res.status(204).send();
    }

    private void listProfiles(ServerRequest req, ServerResponse res) {
        Authentication.requireRead(req);
        res.header(HeaderNames.CONTENT_TYPE, "application/json").send(Json.MAPPER.valueToTree(devices.listProfiles()).toString());
    }

    private void issueCredential(ServerRequest req, ServerResponse res) {
        Principal admin = Authentication.requireAdmin(req);
        refuseForeignTenantHeader(req);
        Requests.requireContentType(req, Set.of("application/json"));
        JsonNode body = Requests.json(req);
        if (!body.isObject()) throw ProblemException.badData("a credential request is a JSON object");
        var issued = credentials.issue(admin, name(body), role(body), tenant(body, admin));
        ObjectNode out = view(issued.credential());
        out.put("token", issued.secret());
        res.status(201).header(HeaderNames.CONTENT_TYPE, "application/json").send(out.toString());
    }

    private void listCredentials(ServerRequest req, ServerResponse res) {
        Principal admin = Authentication.requireAdmin(req);
        refuseForeignTenantHeader(req);
        ArrayNode out = Json.NODES.arrayNode();
        credentials.visibleTo(admin).forEach(c -> out.add(view(c)));
        res.header(HeaderNames.CONTENT_TYPE, "application/json").send(out.toString());
    }

    private void deleteCredential(ServerRequest req, ServerResponse res) {
        Principal admin = Authentication.requireAdmin(req);
        refuseForeignTenantHeader(req);
        credentials.revoke(admin, req.path().pathParameters().get("id"));
        res.status(204).send();
    }

    /** Credentials are not kept by tenant, but a tenant header the caller may not use is refused as everywhere. */
    private static void refuseForeignTenantHeader(ServerRequest req) {
        if (req.headers().contains(Requests.TENANT)) Requests.tenant(req);
    }

    private static Role role(JsonNode body) {
        JsonNode role = body.get("role");
        try {
            if (role != null && role.isTextual()) return Role.of(role.asText());
        } catch (IllegalArgumentException e) {
            // named below
        }
        throw ProblemException.badData("role must be one of admin, operator, analyst, reader");
    }

    private static String name(JsonNode body) {
        JsonNode name = body.get("name");
        if (name == null) return "unnamed";
        if (!name.isTextual() || name.asText().isBlank() || name.asText().length() > MAX_NAME) {
            throw ProblemException.badData("name must be text of 1 to " + MAX_NAME + " characters");
        }
        return name.asText();
    }

    /** The tenant the credential is limited to: the body's ("" is the default tenant, null every tenant), else the caller's own. */
    private static String tenant(JsonNode body, Principal admin) {
        if (!body.has("tenant")) return admin.tenant();
        JsonNode tenant = body.get("tenant");
        if (tenant.isNull()) return null;
        if (tenant.isTextual() && (tenant.asText().isEmpty() || Requests.isTenantName(tenant.asText()))) return tenant.asText();
        throw ProblemException.badData("tenant must be null (every tenant), \"\" (the default tenant) or 1 to 64 letters, digits, '_' or '-'");
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
