package io.radnet.spark;

import io.radnet.api.Backend;
import io.radnet.core.activation.RadialProfiles;
import io.radnet.core.data.Dataset;
import io.radnet.core.data.RadialPaperDatasets;
import io.radnet.core.io.CsvData;
import io.radnet.core.network.RadialNetwork;
import io.radnet.experiments.ExperimentJson;
import io.radnet.experiments.RadialPaper;
import java.nio.file.Path;
import java.util.List;

/** What the Spark tests share: the experiment-3 data as CSV, its network, results without timings. */
final class SparkTestData {
    /** The tolerance per parameter of distributed against single-machine training (issue 23). */
    static final double PARAMETER_TOLERANCE = 1e-12;

    private SparkTestData() {
    }

    /** Writes experiment 3's 14,641 samples (x₁, x₂, y₁, y₂) as CSV, every double exactly. */
    static Path experiment3Csv(Backend backend, Path directory) {
        Dataset data = RadialPaperDatasets.experiment3(backend);
        double[] x = data.inputs().toRowMajor();
        double[] y = data.targets().toRowMajor();
        int rows = data.size();
        double[] table = new double[rows * 4];
        for (int r = 0; r < rows; r++) {
            table[4 * r] = x[2 * r];
            table[4 * r + 1] = x[2 * r + 1];
            table[4 * r + 2] = y[2 * r];
            table[4 * r + 3] = y[2 * r + 1];
        }
        Path file = directory.resolve("experiment3.csv");
        CsvData.write(file, List.of("x1", "x2", "y1", "y2"), backend.fromRowMajor(rows, 4, table));
        return file;
    }

    /** @return the (2, 16, 64, 128, 16, 2) network seed 1 initialises, as experiment 3's */
    static RadialNetwork experiment3Network(Backend backend) {
        return RadialNetwork.initialized(backend, RadialPaper.LARGE_WIDTHS, RadialProfiles.sigmoid(), 1);
    }

    /** @return the result as JSON with every {@code seconds} value set to 0 (timings differ between runs) */
    static String withoutTimings(Record result) {
        return ExperimentJson.write(result).replaceAll("\"seconds\" : [-0-9.eE]+", "\"seconds\" : 0");
    }

    /** @return |a − b| per entry, the largest */
    static double maxAbsDifference(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(a.length + " vs " + b.length + " values");
        }
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
