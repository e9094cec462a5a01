package io.city4d.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rows of a CSV file of the shared data set, each by its header's names (RFC 4180 quoting, a leading BOM dropped). */
final class SharedCsv {
    private SharedCsv() {}

    static List<Map<String, String>> rows(String relative) {
        return rows(SharedData.require(relative));
    }

    static List<Map<String, String>> rows(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> header = fields(lines.get(0).replace("\uFEFF", ""));
        List<Map<String, String>> out = new ArrayList<>(lines.size());
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) continue;
            List<String> fields = fields(line);
            if (fields.size() != header.size()) throw new IllegalStateException(file + ": " + header.size() + " columns expected: " + line);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) row.put(header.get(i), fields.get(i));
            out.add(row);
        }
        return out;
    }

    /** The fields of one line; the files have no line breaks inside quotes. */
    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(field.toString());
                field.setLength(0);
            } else if (c != '\r') {
                field.append(c);
            }
        }
        out.add(field.toString());
        return out;
    }
}
