package io.city4d.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.city4d.bench.report.ResultTable;
import io.city4d.bench.report.Row;
import io.city4d.bench.scenario.Scenarios;
import io.city4d.bench.scenario.Sizes;
import io.city4d.bench.server.StoreChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The quick suite of two scenarios runs end to end against a real server and reports numbers. */
class QuickSuiteTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void quickCreateAndPatchGiveFigures() throws Exception {
        ResultTable table = new Suite(StoreChoice.sqlite(), Sizes.quick(), 1).run(Scenarios.select(List.of("ngsi-create-8", "ngsi-patch")));

        assertThat(table.failures()).isEmpty();
        assertThat(table.rows()).extracting(Row::scenario).contains("ngsi-create-8", "ngsi-patch");
        assertThat(table.rows()).allSatisfy(row -> assertThat(row.median()).isPositive().isFinite());
        assertThat(table.markdown()).contains("| sqlite | ngsi-patch | updates (/s) |").contains(">= 30,000/s");
        assertThat(table.json()).contains("\"scenario\" : \"ngsi-create-8\"");
    }

    @Test
    void theCommandLineWritesTheTableAndHelps(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("results.md");
        int exit = new CommandLine(new BenchMain()).execute("--quick", "--runs", "1", "-s", "ngsi-create-1", "--out", out.toString());

        assertThat(exit).isZero();
        assertThat(Files.readString(out)).containsPattern("\\| sqlite \\| ngsi-create-1 \\| creates \\(/s\\) \\| [0-9,.]+ \\|");
        assertThat(new CommandLine(new BenchMain()).execute("--help")).isZero();
        assertThat(new CommandLine(new BenchMain()).execute("--store", "oracle")).isNotZero();
    }
}
