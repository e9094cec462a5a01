package io.city4d.server;

import io.city4d.core.pipeline.Pipeline;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The Prometheus registry with the pipeline's and the JVM's meters. */
final class Metrics {
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    Metrics(Pipeline pipeline) {
        FunctionCounter.builder("city4d_changes_committed", pipeline, Pipeline::committedChanges)
                .description("entity changes made durable").register(registry);
        FunctionCounter.builder("city4d_commands_refused", pipeline, Pipeline::refusedCommands)
                .description("commands refused because the pipeline was full").register(registry);
        Gauge.builder("city4d_pipeline_queued", pipeline, Pipeline::queuedCommands).description("commands waiting in the pipeline").register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    String scrape() {
        return registry.scrape();
    }
}
