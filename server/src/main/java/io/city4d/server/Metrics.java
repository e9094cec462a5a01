package io.city4d.server;

import io.city4d.api.common.RateLimiting;
import io.city4d.api.common.RateLimits;
import io.city4d.api.common.RequestBulkhead;
import io.city4d.api.common.WriteAdmission;
import io.city4d.core.pipeline.Pipeline;
import io.city4d.core.port.DocumentLoader;
import io.city4d.core.security.Role;
import io.city4d.core.subscription.SubscriptionEngine;
import java.util.Locale;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The Prometheus registry with the pipeline's, the rate limits', the stored documents' and the JVM's meters. */
final class Metrics {
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    Metrics(Pipeline pipeline, RateLimiting rateLimiting, DocumentLoader loader, WriteAdmission admission, RequestBulkhead bulkhead,
            SubscriptionEngine notifications) {
        for (Role role : Role.values()) {
            FunctionCounter.builder("city4d_http_requests_limited", rateLimiting, r -> r.refused(role))
                    .description("requests answered 429 because the client was over its rate limit")
                    .tag("client", role.name().toLowerCase(Locale.ROOT)).register(registry);
        }
        FunctionCounter.builder("city4d_http_requests_limited", rateLimiting, RateLimiting::refusedAnonymous)
                .description("requests answered 429 because the client was over its rate limit").tag("client", RateLimits.ANONYMOUS).register(registry);
        Gauge.builder("city4d_rate_limit_clients", rateLimiting, RateLimiting::trackedClients)
                .description("clients with a rate-limit bucket of their own").register(registry);
        FunctionCounter.builder("city4d_changes_committed", pipeline, Pipeline::committedChanges)
                .description("entity changes made durable").register(registry);
        FunctionCounter.builder("city4d_commands_refused", pipeline, Pipeline::refusedCommands)
                .description("commands refused because the pipeline was full").register(registry);
        FunctionCounter.builder("city4d_http_requests_refused", admission, WriteAdmission::refused)
                .description("requests answered 503 before their body was read: the pipeline was full, or the server held as many bodies as it may").register(registry);
        FunctionCounter.builder("city4d_http_requests_unserved", bulkhead, RequestBulkhead::refused)
                .description("requests answered 503 because the server was handling as many as it may at once").register(registry);
        Gauge.builder("city4d_http_body_budget_used", admission, WriteAdmission::budgetInUse)
                .description("part of the memory budget for request bodies in use, 0 to 1").register(registry);
        FunctionCounter.builder("city4d_notifications_unrecorded", notifications, SubscriptionEngine::unrecorded)
                .description("notifications neither sent nor dead-lettered for want of room under overload, counted as failed on their subscription")
                .register(registry);
        Gauge.builder("city4d_pipeline_queued", pipeline, Pipeline::queuedCommands).description("commands waiting in the pipeline").register(registry);
        for (String collection : loader.skipped().keySet()) {
            // a gauge holds its object weakly, and nothing else holds the loader once the server has started: without a
            // strong reference the gauge read NaN after the first garbage collection
            Gauge.builder("city4d_stored_documents_skipped", loader, l -> l.skipped().get(collection))
                    .description("stored documents that could not be loaded at start-up, and that the server runs without")
                    .tag("collection", collection).strongReference(true).register(registry);
        }
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    String scrape() {
        return registry.scrape();
    }
}
