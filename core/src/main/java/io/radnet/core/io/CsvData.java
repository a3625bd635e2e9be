package io.radnet.core.io;

import io.radnet.api.Backend;
import io.radnet.api.Tensor;
import io.radnet.core.data.Dataset;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Data sets as CSV text: one sample per line, the input columns first, then the target
 * columns, separated by commas (spaces around fields are ignored; blank lines are skipped).
 * The first non-blank line is a header, and is skipped, when one of its fields is not a
 * number. Every other field must be a finite decimal number.
 */
public final class CsvData {
    private CsvData() {
    }

    /**
     * Reads a data set.
     *
     * @param file the CSV file
     * @param backend the backend to hold the tensors
     * @param inputColumns d ≥ 1, the number of input columns (the model's input width)
     * @param targetColumns k ≥ 1, the number of target columns
     * @return the data set, inputs (size × d) and targets (size × k)
     * @throws ModelFileException naming the file, the line and the problem: a wrong number of
     *     columns, a field that is not a finite number, or no data rows
     */
    public static Dataset read(Path file, Backend backend, int inputColumns, int targetColumns) {
        Objects.requireNonNull(backend, "backend");
        if (inputColumns < 1 || targetColumns < 1) {
            throw new IllegalArgumentException("a data set needs at least one input and one target column, got "
                    + inputColumns + " and " + targetColumns);
        }
        int columns = inputColumns + targetColumns;
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            boolean first = true;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",", -1);
                if (first && isHeader(fields)) {
                    first = false;
                    continue;
                }
                first = false;
                if (fields.length != columns) {
                    throw new ModelFileException(file + ": line " + number + " has " + fields.length + " columns, expected "
                            + columns + " (" + inputColumns + " inputs, then " + targetColumns + " targets)");
                }
                double[] row = new double[columns];
                for (int c = 0; c < columns; c++) {
                    row[c] = parse(file, number, c, fields[c]);
                }
                rows.add(row);
            }
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file + ": no such file", e);
        } catch (IOException e) {
            throw new ModelFileException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (rows.isEmpty()) {
            throw new ModelFileException(file + ": no data rows");
        }
        double[] x = new double[rows.size() * inputColumns];
        double[] y = new double[rows.size() * targetColumns];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r), 0, x, r * inputColumns, inputColumns);
            System.arraycopy(rows.get(r), inputColumns, y, r * targetColumns, targetColumns);
        }
        return Dataset.of(backend.fromRowMajor(rows.size(), inputColumns, x),
                backend.fromRowMajor(rows.size(), targetColumns, y));
    }

    private static boolean isHeader(String[] fields) {
        for (String f : fields) {
            try {
                Double.parseDouble(f.trim());
            } catch (NumberFormatException e) {
                return true;
            }
        }
        return false;
    }

    private static double parse(Path file, int line, int column, String field) {
        double value;
        try {
            value = Double.parseDouble(field.trim());
        } catch (NumberFormatException e) {
            throw new ModelFileException(file + ": line " + line + ", column " + (column + 1) + ": '" + field.trim()
                    + "' is not a number");
        }
        if (!Double.isFinite(value)) {
            throw new ModelFileException(file + ": line " + line + ", column " + (column + 1) + " is " + value
                    + "; data must be finite");
        }
        return value;
    }

    /**
     * Writes a matrix as CSV, atomically: a header line, then one line per row, each value in
     * Java's shortest round-trip decimal form.
     *
     * @param file the file to create or replace; its directory must exist
     * @param header the column names, one per column of the matrix
     * @param values the matrix, not modified
     * @throws IllegalArgumentException if the header does not have one name per column
     * @throws UncheckedIOException naming the file when it cannot be written
     */
    public static void write(Path file, List<String> header, Tensor values) {
        if (header.size() != values.cols()) {
            throw new IllegalArgumentException("a CSV header of " + header.size() + " names for " + values.cols()
                    + " columns");
        }
        double[] v = values.toRowMajor();
        int cols = values.cols();
        AtomicFiles.write(file, out -> {
            StringBuilder s = new StringBuilder(String.join(",", header)).append('\n');
            for (int r = 0; r < values.rows(); r++) {
                for (int c = 0; c < cols; c++) {
                    s.append(c == 0 ? "" : ",").append(v[r * cols + c]);
                }
                s.append('\n');
                if (s.length() > 1 << 16) {
                    out.write(s.toString().getBytes(StandardCharsets.UTF_8));
                    s.setLength(0);
                }
            }
            out.write(s.toString().getBytes(StandardCharsets.UTF_8));
        });
    }
}
