package io.radnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.radnet.core.approx.exact.ExactCompositionNetwork;
import io.radnet.core.io.RcnetFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code radnet approximate --construction rcnet}: Theorem 1.1's sizes, bound, excluded region and model file. */
class RcnetRunTest {
    @TempDir
    Path dir;

    @Test
    void theorem11IsBuiltMeasuredAndSavedAsAnRcnetFile() throws IOException {
        Path model = dir.resolve("rc.json");
        JsonNode r = ApproximateCommandTest.json("approximate", "--function", "x1", "--domain", "0:1", "--lipschitz", "1",
                "--construction", "rcnet", "--compositions", "13", "--grid", "201", "-o", model.toString(), "--json");
        double bound = r.get("bound").asDouble();
        assertEquals(6.0 / 13, bound, 1e-15);
        assertTrue(bound < 0.5, "below the 1/2 a constant achieves for f = x on [0, 1]");
        assertEquals(40, r.get("compositions").asInt());
        assertEquals(117, r.get("blockWidth").asInt());
        assertEquals(5, r.get("blockDepth").asInt());
        assertEquals(10, r.get("stateDimension").asInt());
        assertTrue(r.get("grid").get("maxError").asDouble() <= bound, r.toString());
        assertTrue(r.get("lp").get("error").asDouble() <= r.get("lp").get("bound").asDouble(), r.toString());
        JsonNode excluded = r.get("excluded");
        assertEquals(1, excluded.size());
        assertEquals(12, excluded.get(0).size(), "K − 1 intervals [k/K − δ, k/K]");
        assertEquals(1 / 13.0, excluded.get(0).get(0).get(1).asDouble(), 0.0);
        JsonNode info = ApproximateCommandTest.json("info", model.toString(), "--json");
        assertEquals("rcnet", info.get("kind").asText());
        assertEquals(40, info.get("compositions").asInt());
        assertEquals("relu,relu,relu,relu,relu,identity", info.get("blockActivations").asText());
    }

    @Test
    void beyondADoublesBitsTheExactEvaluatorRunsAndTheFileKeepsTheWeightsExactly() throws IOException {
        Path model = dir.resolve("rc-exact.json");
        JsonNode r = ApproximateCommandTest.json("approximate", "--function", "x1", "--domain", "0:1", "--lipschitz", "1",
                "--construction", "rcnet", "--compositions", "27", "--grid", "41", "-o", model.toString(), "--json");
        assertEquals("exact", r.get("evaluation").asText());
        assertEquals(53, r.get("storedBits").asInt());
        assertEquals(82, r.get("compositions").asInt());
        double bound = r.get("bound").asDouble();
        assertEquals(6.0 / 27, bound, 1e-15);
        double max = r.get("grid").get("maxError").asDouble();
        assertTrue(max <= bound, r.toString());
        assertTrue(max > 0.5 / 27, "the staircase error of K = 27 cubes: " + r);
        ExactCompositionNetwork back = RcnetFiles.loadExact(model);
        assertEquals(82, back.compositions());
        assertEquals(7.0 / 27, back.applyRounded(new double[][] {{0.26}})[0][0], 1e-12,
                "F(0.26) is the staircase value f(7/27)");

        JsonNode info = ApproximateCommandTest.json("info", model.toString(), "--json");
        assertEquals("rcnet", info.get("kind").asText());
        assertTrue(info.get("exact").asBoolean());
        assertEquals(82, info.get("compositions").asInt());
        assertEquals(back.parameterCount(), info.get("parameters").asLong(), "g's weights counted once");
        assertTrue(info.get("entriesNotDoubles").asLong() > 0, "53 stored bits: a double would round a weight");

        double[][] points = {{0.013}, {0.26}, {0.5}, {0.74}, {0.987}};
        StringBuilder csv = new StringBuilder("x1,y\n");
        for (double[] point : points) {
            csv.append(point[0]).append(',').append(point[0]).append('\n');
        }
        Path data = Files.writeString(dir.resolve("points.csv"), csv);
        Path predictions = dir.resolve("predictions.csv");
        JsonNode eval = ApproximateCommandTest.json("eval", model.toString(), "--data", data.toString(), "--predict",
                predictions.toString(), "--json");
        assertEquals("exact", eval.get("evaluator").asText());
        double[][] expected = back.applyRounded(points);
        List<String> lines = Files.readAllLines(predictions);
        assertEquals(points.length + 1, lines.size());
        for (int k = 0; k < points.length; k++) {
            assertEquals(expected[k][0], Double.parseDouble(lines.get(k + 1)), 0.0,
                    "eval of the saved file is the exact evaluation rounded once, at x = " + points[k][0]);
        }
    }

    @Test
    void uniformBuildsTheorem13AndMeasuresTheSupErrorOnEveryGridPoint() throws IOException {
        JsonNode r = ApproximateCommandTest.json("approximate", "--function", "x1", "--domain", "0:1", "--lipschitz", "1",
                "--construction", "rcnet", "--compositions", "13", "--uniform", "--grid", "401", "--json");
        assertEquals("1.3", r.get("theorem").asText());
        assertEquals(40, r.get("compositions").asInt());
        assertEquals(5, r.get("blockDepth").asInt());
        assertEquals(26, r.get("stateDimension").asInt());
        double bound = r.get("bound").asDouble();
        assertEquals(6.0 / 13, bound, 1e-15);
        assertEquals(401, r.get("linf").get("points").asInt());
        assertEquals(401, r.get("grid").get("points").asInt(), "nothing is excluded");
        double sup = r.get("linf").get("error").asDouble();
        assertTrue(sup <= bound, r.toString());
        assertEquals(sup, r.get("grid").get("maxError").asDouble(), 0.0);
        assertEquals(0, r.get("excluded").get(0).size());
        ApproximateCommandTest.fails(2, "--uniform", "approximate", "--function", "x1", "--domain", "0:1",
                "--lipschitz", "1", "--epsilon", "0.1", "--uniform");
    }

    @Test
    void badRcnetOptionsFailWithOneLine() {
        ApproximateCommandTest.fails(2, "--compositions", "approximate", "--function", "x1", "--domain", "0:1",
                "--lipschitz", "1", "--construction", "rcnet");
        ApproximateCommandTest.fails(2, "[0,1]^d", "approximate", "--function", "x1", "--domain", "0:2",
                "--lipschitz", "1", "--construction", "rcnet", "--compositions", "4");
        ApproximateCommandTest.fails(2, "999", "approximate", "--function", "x1", "--domain", "0:1",
                "--lipschitz", "1", "--construction", "rcnet", "--compositions", "501");
        ApproximateCommandTest.fails(2, ".json", "approximate", "--function", "x1", "--domain", "0:1",
                "--lipschitz", "1", "--construction", "rcnet", "--compositions", "27", "-o", "rc.safetensors");
        ApproximateCommandTest.fails(2, "rcnet only", "approximate", "--function", "x1", "--domain", "0:1",
                "--lipschitz", "1", "--epsilon", "0.1", "--compositions", "4");
    }
}
