package io.city4d.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The results of a benchmark: rows of medians, written as a Markdown table or as JSON. */
public final class ResultTable {
    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final Map<String, String> context = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();

    public void note(String key, String value) {
        context.put(key, value);
    }

    public void add(String store, String scenario, List<Sample> samples) {
        for (Sample s : samples) {
            rows.computeIfAbsent(store + "|" + scenario + "|" + s.metric().name(), k -> new Row(store, scenario, s.metric(), new ArrayList<>()))
                    .runs().add(s.value());
        }
    }

    public void fail(String store, String scenario, String why) {
        failures.add(store + " " + scenario + ": " + why);
    }

    public List<String> failures() {
        return List.copyOf(failures);
    }

    public List<Row> rows() {
        return List.copyOf(rows.values());
    }

    public String markdown() {
        StringBuilder out = new StringBuilder();
        context.forEach((k, v) -> out.append("- ").append(k).append(": ").append(v).append('\n'));
        if (!context.isEmpty()) out.append('\n');
        out.append("| Store | Scenario | Metric | Median | Runs | Target | Verdict | Peers |\n");
        out.append("| --- | --- | --- | ---: | --- | --- | --- | --- |\n");
        for (Row r : rows.values()) {
            Metric m = r.metric();
            out.append("| ").append(r.store()).append(" | ").append(r.scenario()).append(" | ").append(m.name()).append(" (").append(m.unit()).append(") | ")
                    .append(format(r.median())).append(" | ").append(String.join(", ", r.runs().stream().map(ResultTable::format).toList())).append(" | ")
                    .append(m.goal() == null ? "" : m.goal().text()).append(" | ").append(r.verdict()).append(" | ").append(m.peers()).append(" |\n");
        }
        failures.forEach(f -> out.append("\nFAILED ").append(f).append('\n'));
        return out.toString();
    }

    public String json() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ObjectNode ctx = root.putObject("context");
        context.forEach(ctx::put);
        ArrayNode array = root.putArray("results");
        for (Row r : rows.values()) {
            ObjectNode o = array.addObject().put("store", r.store()).put("scenario", r.scenario()).put("metric", r.metric().name())
                    .put("unit", r.metric().unit()).put("median", r.median());
            r.runs().forEach(o.putArray("runs")::add);
            if (r.metric().goal() != null) o.put("target", r.metric().goal().text()).put("verdict", r.verdict());
            if (!r.metric().peers().isEmpty()) o.put("peers", r.metric().peers());
        }
        failures.forEach(root.putArray("failures")::add);
        return root.toPrettyString();
    }

    /** Writes JSON when the file name ends in .json, Markdown otherwise. */
    public void write(Path file) throws IOException {
        Files.writeString(file, file.getFileName().toString().endsWith(".json") ? json() : markdown());
    }

    static String format(double v) {
        if (Double.isNaN(v)) return "n/a";
        if (Math.abs(v) >= 100) return String.format(Locale.ROOT, "%,.0f", v);
        if (Math.abs(v) >= 10) return String.format(Locale.ROOT, "%.1f", v);
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
