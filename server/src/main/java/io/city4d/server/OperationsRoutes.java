package io.city4d.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.city4d.api.common.Authentication;
import io.city4d.core.model.Json;
import io.city4d.core.model.Vocabulary;
import io.city4d.core.port.EntityStore;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import java.util.TreeMap;

/** /health, /metrics, the status page at / and its data at /api/v1/status. */
final class OperationsRoutes implements HttpService {
    private final EntityStore store;
    private final Metrics metrics;
    private final IngestRate rate;
    private final String storeName;

    OperationsRoutes(EntityStore store, Metrics metrics, IngestRate rate, String storeName) {
        this.store = store;
        this.metrics = metrics;
        this.rate = rate;
        this.storeName = storeName;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/health", (req, res) -> res.header(HeaderNames.CONTENT_TYPE, "application/json").send("{\"status\":\"UP\"}"))
                .get("/metrics", this::metrics)
                .get("/api/v1/status", this::status)
                .get("/", this::page);
    }

    private void metrics(ServerRequest req, ServerResponse res) {
        Authentication.requireRead(req);
        res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8").send(metrics.scrape());
    }

    private Map<String, Long> countsByType() {
        Map<String, Long> out = new TreeMap<>();
        store.countByType("").forEach((type, n) -> out.put(type.startsWith(Vocabulary.DEFAULT_CONTEXT) ? type.substring(Vocabulary.DEFAULT_CONTEXT.length()) : type, n));
        return out;
    }

    private void status(ServerRequest req, ServerResponse res) {
        ObjectNode out = Json.NODES.objectNode().put("store", storeName).put("ingestPerSecond", rate.perSecond());
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
        String html = """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>City4D status</title>
                <style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:44rem;padding:0 1rem;color:#1a1a1a}
                table{border-collapse:collapse;width:100%%}td,th{border-bottom:1px solid #ccc;padding:.3rem .5rem;text-align:left}
                td:last-child{text-align:right}a{color:#0645ad}</style></head>
                <body><main><h1>City4D</h1>
                <p>The city's digital twin is running on <strong>%s</strong>.</p>
                <p>Ingest rate: <strong>%.1f</strong> changes per second (last 10 s). Entities: <strong>%d</strong>.</p>
                <h2>Entities by type</h2><table><thead><tr><th scope="col">Type</th><th scope="col">Count</th></tr></thead><tbody>%s</tbody></table>
                <h2>APIs</h2><ul>
                <li><a href="/ngsi-ld/v1/entities?type=AirQualityObserved">NGSI-LD API</a> at <code>/ngsi-ld/v1</code> (bearer token needed)</li>
                <li><a href="/events">Live change stream</a> (Server-Sent Events)</li>
                <li><a href="/api/v1/status">Status as JSON</a>, <a href="/health">health</a>, <a href="/metrics">Prometheus metrics</a></li>
                </ul></main></body></html>
                """.formatted(escape(storeName), rate.perSecond(), total, rows);
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8").send(html);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
