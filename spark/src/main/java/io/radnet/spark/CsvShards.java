package io.radnet.spark;

import io.radnet.api.Backend;
import io.radnet.core.data.Dataset;
import io.radnet.core.io.CsvData;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * A CSV data set (the format of {@link CsvData}: n₀ input columns, then the targets; an optional
 * header line) at a path every executor can read (a shared file system). The driver reads it
 * once to validate it and count the samples; each partition reads it again on its executor and
 * keeps its own rows. CSV lines have no fixed length, so a partition parses the whole file: a
 * format with fixed-size records can read its rows alone.
 */
public final class CsvShards implements TrainingShards {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int inputColumns;
    private final int targetColumns;
    private final int classes;
    private final int samples;

    private CsvShards(String file, int inputColumns, int targetColumns, int classes, int samples) {
        this.file = file;
        this.inputColumns = inputColumns;
        this.targetColumns = targetColumns;
        this.classes = classes;
        this.samples = samples;
    }

    /**
     * Regression data: k numeric target columns.
     *
     * @param file the CSV file, at the same path on the driver and every executor
     * @param backend the driver's backend, to validate and count the samples on
     * @param inputColumns n₀ ≥ 1
     * @param targetColumns k ≥ 1
     * @return the shards
     * @throws io.radnet.core.io.ModelFileException naming the file and line when it is not such a data set
     */
    public static CsvShards regression(Path file, Backend backend, int inputColumns, int targetColumns) {
        Dataset all = Dataset.of(CsvData.read(Objects.requireNonNull(file, "file"), backend, inputColumns, targetColumns));
        return new CsvShards(file.toAbsolutePath().toString(), inputColumns, targetColumns, 0, all.size());
    }

    /**
     * Classification data: one column of class indices 0 … c − 1.
     *
     * @param file the CSV file, at the same path on the driver and every executor
     * @param backend the driver's backend, to validate and count the samples on
     * @param inputColumns n₀ ≥ 1
     * @param classes c ≥ 1
     * @return the shards
     * @throws io.radnet.core.io.ModelFileException naming the file, line and label when it is not such a data set
     */
    public static CsvShards labelled(Path file, Backend backend, int inputColumns, int classes) {
        Dataset all = Dataset.of(CsvData.readLabelled(Objects.requireNonNull(file, "file"), backend, inputColumns, classes));
        return new CsvShards(file.toAbsolutePath().toString(), inputColumns, 1, classes, all.size());
    }

    @Override
    public int samples() {
        return samples;
    }

    @Override
    public int inputWidth() {
        return inputColumns;
    }

    @Override
    public Dataset read(Backend backend, int from, int to) {
        if (from < 0 || from >= to || to > samples) {
            throw new IllegalArgumentException("rows [" + from + ", " + to + ") are not rows of the " + samples
                    + " samples of " + file);
        }
        Path path = Path.of(file);
        Dataset all = classes > 0 ? Dataset.of(CsvData.readLabelled(path, backend, inputColumns, classes))
                : Dataset.of(CsvData.read(path, backend, inputColumns, targetColumns));
        if (all.size() != samples) {
            throw new IllegalArgumentException(file + " has " + all.size() + " samples on this executor, " + samples
                    + " on the driver: every executor must read the same file");
        }
        return from == 0 && to == samples ? all : all.subset(IntStream.range(from, to).toArray());
    }

    @Override
    public String describe() {
        return file;
    }
}
