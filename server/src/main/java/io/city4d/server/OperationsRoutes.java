package io.city4d.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.city4d.api.common.Authentication;
import io.city4d.core.model.Json;
import io.city4d.core.model.Vocabulary;
import io.city4d.core.port.EntityStore;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntSupplier;

/**
 * /health, /metrics, the status page at / and its data at /api/v1/status, which also tells device clients (such as
 * {@code city4d simulate}) the port of the MQTT endpoint.
 */
final class OperationsRoutes implements HttpService {
    private final EntityStore store;
    private final Metrics metrics;
    private final IngestRate rate;
    private final String storeName;
    private final IntSupplier mqttPort;

    /** @param mqttPort the MQTT endpoint's port once it listens, else a negative number */
    OperationsRoutes(EntityStore store, Metrics metrics, IngestRate rate, String storeName, IntSupplier mqttPort) {
        this.store = store;
        this.metrics = metrics;
        this.rate = rate;
        this.storeName = storeName;
        this.mqttPort = mqttPort;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/health", (req, res) -> res.header(HeaderNames.CONTENT_TYPE, "application/json").send("{\"status\":\"UP\"}"))
                .get("/metrics", this::metrics)
                .get("/api/v1/status", this::status)
                .get("/", this::page);
    }

    /** The metrics count for the whole server, every tenant together, so a credential limited to one may not read them. */
    private void metrics(ServerRequest req, ServerResponse res) {
        if (Authentication.requireRead(req).tenant() != null) {
            throw new ProblemException(ProblemType.FORBIDDEN, "the metrics describe the whole server, every tenant: they need a credential not limited to a tenant");
        }
        res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8").send(metrics.scrape());
    }

    private Map<String, Long> countsByType() {
        Map<String, Long> out = new TreeMap<>();
        store.countByType("").forEach((type, n) -> out.put(type.startsWith(Vocabulary.DEFAULT_CONTEXT) ? type.substring(Vocabulary.DEFAULT_CONTEXT.length()) : type, n));
        return out;
    }

    private void status(ServerRequest req, ServerResponse res) {
        ObjectNode out = Json.NODES.objectNode().put("store", storeName).put("ingestPerSecond", rate.perSecond());
        if (mqttPort.getAsInt() > 0) out.putObject("mqtt").put("port", mqttPort.getAsInt());
        ObjectNode types = out.putObject("entitiesByType");
        countsByType().forEach(types::put);
        res.header(HeaderNames.CONTENT_TYPE, "application/json").send(out.toString());
    }

    private void page(ServerRequest req, ServerResponse res) {
        StringBuilder rows = new StringBuilder();
        long total = 0;
        for (var e : countsByType().entrySet()) {
            rows.append("<tr><td>").append(escape(e.getKey())).append("</td><td>").append(e.getValue()).append("</td></tr>");
            total += e.getValue();
        }
        // The APIs answer a browser without a token with 401, so the page shows how to call them rather than linking to them.
        String base = escape(req.requestedUri().scheme() + "://" + req.requestedUri().authority());
        String html = """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>City4D status</title>
                <style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:44rem;padding:0 1rem;color:#1a1a1a}
                table{border-collapse:collapse;width:100%%}td,th{border-bottom:1px solid #ccc;padding:.3rem .5rem;text-align:left}
                td:last-child{text-align:right}a{color:#0645ad}pre{background:#f3f3f3;padding:.5rem;overflow-x:auto}</style></head>
                <body><main><h1>City4D</h1>
                <p>The city's digital twin is running on <strong>%s</strong>.</p>
                <p>Ingest rate: <strong>%.1f</strong> changes per second (last 10 s). Entities: <strong>%d</strong>.</p>
                <h2>Entities by type</h2><table><thead><tr><th scope="col">Type</th><th scope="col">Count</th></tr></thead><tbody>%s</tbody></table>
                <h2>Open to anyone</h2><ul>
                <li><a href="/api/v1/status">Status as JSON</a></li>
                <li><a href="/health">Health</a></li>
                </ul>
                <h2>With a token</h2>
                <p>The NGSI-LD API (<code>/ngsi-ld/v1</code>), the live change stream (<code>/events</code>, Server-Sent Events) and the
                Prometheus metrics (<code>/metrics</code>) need a bearer token, such as the admin token the server printed at its first
                start, so a browser cannot open them. From a terminal, with the token in <code>T</code>:</p>
                <pre><code>curl -H "Authorization: Bearer $T" '%s/ngsi-ld/v1/entities?type=AirQualityObserved&amp;options=keyValues'
                curl -N -H "Authorization: Bearer $T" '%s/events'
                curl -H "Authorization: Bearer $T" '%s/metrics'</code></pre>
                </main></body></html>
                """.formatted(escape(storeName), rate.perSecond(), total, rows, base, base, base);
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8").send(html);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
