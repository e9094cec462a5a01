package io.city4d.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.city4d.api.common.Authentication;
import io.city4d.api.common.Requests;
import io.city4d.api.ngsild.LdView;
import io.city4d.api.ngsild.NgsiLdApi;
import io.city4d.core.model.GeoProperty;
import io.city4d.core.model.Json;
import io.city4d.core.model.Vocabulary;
import io.city4d.core.pipeline.ChangeListener;
import io.city4d.core.pipeline.Pipeline;
import io.city4d.core.port.Change;
import io.city4d.core.problem.ProblemException;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.locationtech.jts.geom.Envelope;

/**
 * GET /events: a Server-Sent Events stream of entity changes, filtered by {@code type} and {@code bbox}
 * (minLon,minLat,maxLon,maxLat). Entities are in the NGSI-LD normalized form, compacted by the @context of the
 * request's Link header as the NGSI-LD API compacts them. A slow client loses the oldest events, never the server's
 * memory.
 */
final class EventStream implements HttpService {
    private static final int CLIENT_BUFFER = 1_000;
    private final Pipeline pipeline;
    private final NgsiLdApi ngsiLd;

    EventStream(Pipeline pipeline, NgsiLdApi ngsiLd) {
        this.pipeline = pipeline;
        this.ngsiLd = ngsiLd;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::stream);
    }

    private void stream(ServerRequest req, ServerResponse res) {
        Authentication.requireRead(req);
        Requests.requireAccepted(req, MediaTypes.TEXT_EVENT_STREAM);
        String tenant = Requests.tenant(req);
        LdView view = ngsiLd.view(req.headers().first(HeaderNames.LINK).orElse(null));
        List<String> types = Requests.listParam(req, "type");
        List<String> expandedTypes = types == null ? null : types.stream().map(view::expand).toList();
        Envelope bbox = bbox(Requests.param(req, "bbox"));
        BlockingQueue<Change> queue = new ArrayBlockingQueue<>(CLIENT_BUFFER);
        ChangeListener listener = changes -> {
            for (Change c : changes) {
                if (!c.tenant().equals(tenant) || !matches(c, expandedTypes, bbox)) continue;
                while (!queue.offer(c)) queue.poll();
            }
        };
        pipeline.addListener(listener);
        res.header(HeaderNames.LINK, view.linkHeader());
        try (SseSink sink = res.sink(SseSink.TYPE)) {
            sink.emit(SseEvent.builder().comment("city4d change stream").build());
            while (true) {
                Change c = queue.poll(15, TimeUnit.SECONDS);
                if (c == null) {
                    sink.emit(SseEvent.builder().comment("keep-alive").build());
                    continue;
                }
                ObjectNode event = Json.NODES.objectNode().put("kind", c.kind().name().toLowerCase()).put("at", c.at().toString());
                event.set("entity", view.render(c.entity()));
                sink.emit(SseEvent.builder().name("change").data(event.toString()).build());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The client went away; nothing to report to it.
        } finally {
            pipeline.removeListener(listener);
        }
    }

    private static boolean matches(Change c, List<String> types, Envelope bbox) {
        if (types != null && c.entity().types().stream().noneMatch(types::contains)) return false;
        if (bbox == null) return true;
        return c.entity().attribute(Vocabulary.LOCATION) instanceof GeoProperty g && bbox.intersects(g.geometry().getEnvelopeInternal());
    }

    private static Envelope bbox(String text) {
        if (text == null) return null;
        String[] p = text.split(",");
        if (p.length != 4) throw ProblemException.badData("bbox must be minLon,minLat,maxLon,maxLat");
        try {
            return new Envelope(Double.parseDouble(p[0]), Double.parseDouble(p[2]), Double.parseDouble(p[1]), Double.parseDouble(p[3]));
        } catch (NumberFormatException e) {
            throw ProblemException.badData("bbox must be four numbers");
        }
    }
}
