package io.radnet.bench.fitness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Whole-process wall times as {@code bench/run fitness} records them, one run per line. */
final class ProcessTimes {
    private ProcessTimes() {
    }

    /**
     * @param file lines {@code NAME<TAB>COLUMN<TAB>SECONDS} (e.g. {@code radnet-compress	ejml	2.93};
     *     the anchor's column is {@code anchor}), SECONDS finite and positive
     * @return {@code process:NAME:COLUMN} (or {@code process:NAME} for the anchor) → the median of
     *     its runs in milliseconds
     * @throws IllegalArgumentException naming the file and line of a malformed line
     */
    static Map<String, Double> medianMillis(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, List<Double>> runs = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] fields = lines.get(i).split("\t");
            double seconds = fields.length == 3 ? parse(fields[2]) : Double.NaN;
            if (!(seconds > 0 && Double.isFinite(seconds))) {
                throw new IllegalArgumentException(file + ", line " + (i + 1) + ": expected NAME<TAB>COLUMN<TAB>SECONDS"
                        + " with positive SECONDS, got '" + lines.get(i) + "'");
            }
            String key = "anchor".equals(fields[1]) ? "process:" + fields[0] : "process:" + fields[0] + ":" + fields[1];
            runs.computeIfAbsent(key, k -> new ArrayList<>()).add(seconds * 1e3);
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        runs.forEach((key, values) -> {
            Collections.sort(values);
            int middle = values.size() / 2;
            medians.put(key, values.size() % 2 == 1 ? values.get(middle) : (values.get(middle - 1) + values.get(middle)) / 2);
        });
        return medians;
    }

    private static double parse(String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
