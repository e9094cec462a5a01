package io.city4d.bench.scenario;

import io.city4d.bench.Progress;
import io.city4d.bench.report.Metric;
import io.city4d.bench.report.Sample;
import io.city4d.bench.server.BenchServer;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Heap held after loading many small entities and a full GC, on a fresh server per run: the growth over the heap
 * after GC before loading is what the entities cost. The whole JVM's figure is shown too; it also holds the load
 * generator and whatever earlier servers of this JVM left behind. State lives in the store; the pipeline keeps a
 * bounded cache per partition, so the heap should not grow with the number of entities.
 */
final class MemoryScenario extends ServerScenario {
    private static final String PREFIX = "m";
    private static final double MB = 1024.0 * 1024.0;
    private final Metric used = Metric.of("heap used after load and full GC, whole JVM", "MB");
    private final Metric loadRate = Metric.of("load rate (batch upsert)", "entities/s");
    private Metric growth;

    @Override
    public String name() { return "memory"; }

    @Override
    public String description() { return "heap used after loading 1M small entities (200k with --quick) and a full GC"; }

    @Override
    boolean freshServerPerRun() {
        return true;
    }

    @Override
    List<Sample> measureOnce(BenchServer server, Sizes sizes, int run) throws InterruptedException {
        growth = Metric.of(String.format(Locale.ROOT, "heap growth with %,d entities after full GC", sizes.memoryEntities()), "MB");
        if (sizes.memoryEntities() >= 1_000_000) growth = growth.goal(Peers.HEAP_1M);
        long before = heapAfterGc();
        long start = System.nanoTime();
        BatchLoader.load(server.endpoint(), name() + " load", BatchLoader.UPSERT, PREFIX, sizes.memoryEntities(), sizes.batchSize(), 0, 0,
                Duration.ofSeconds(20L * sizes.maxSeconds()));
        double rate = sizes.memoryEntities() / ((System.nanoTime() - start) / 1e9);
        long after = heapAfterGc();
        Progress.say(String.format(Locale.ROOT, "  heap after GC: %.0f MB before loading, %.0f MB after", before / MB, after / MB));
        return List.of(new Sample(growth, (after - before) / MB), new Sample(used, after / MB), new Sample(loadRate, rate));
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
