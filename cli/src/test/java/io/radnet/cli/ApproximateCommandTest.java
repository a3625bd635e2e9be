package io.radnet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.radnet.api.BackendDiagnostics;
import io.radnet.api.BackendRegistry;
import io.radnet.api.Backends;
import io.radnet.api.RadnetConfig;
import io.radnet.core.approx.AffineMap;
import io.radnet.core.approx.Approximation;
import io.radnet.core.approx.BoxDomain;
import io.radnet.core.approx.IntrinsicParameterNetwork;
import io.radnet.core.approx.Modulus;
import io.radnet.core.approx.StepReluBallCover;
import io.radnet.core.approx.VectorFunction;
import io.radnet.core.io.ModelFiles;
import io.radnet.core.network.FeedForwardNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code radnet approximate}: every construction reports a measured error within its certified
 * bound, the formulas go through exp4j, plots are PNG files, {@code -o} writes the network as a
 * model file the other commands read, and bad input ends with one line.
 */
class ApproximateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Supplier<BackendDiagnostics> UNUSED =
            new BackendRegistry(RadnetConfig.of(Map.of(), Map.of()))::diagnostics;

    static JsonNode json(String... args) throws IOException {
        CliRun run = CliRun.run(UNUSED, args);
        assertEquals(0, run.exitCode(), run.err());
        return JSON.readTree(run.out());
    }

    static void fails(int exit, String fragment, String... args) {
        CliRun run = CliRun.run(UNUSED, args);
        assertEquals(exit, run.exitCode(), run.out() + run.err());
        assertTrue(run.errLines().get(0).startsWith("radnet: ") && run.errLines().get(0).contains(fragment),
                "stderr '" + run.err() + "' should mention '" + fragment + "'");
        assertEquals("", run.out());
    }

    @Test
    void everyConstructionMeetsItsCertifiedBoundOnTheGrid() throws IOException {
        for (String construction : new String[] {"ball-cover", "bounded-width", "compact"}) {
            JsonNode r = json("approximate", "--function", "max(0, 1 - abs(x1))", "--domain", "-1.5:1.5",
                    "--epsilon", "0.1", "--lipschitz", "1", "--construction", construction, "--json", "--grid", "3001");
            assertEquals(construction, r.get("construction").asText());
            assertTrue(r.get("bound").asDouble() < 0.1);
            assertTrue(r.get("grid").get("maxError").asDouble() <= r.get("bound").asDouble(), r.toString());
            assertEquals(3001, r.get("grid").get("points").asInt());
            assertTrue(r.get("grid").get("maxError").asDouble() > 0.5 * r.get("bound").asDouble(),
                    "a hat function attains most of the bound at a ball's edge: " + r);
            assertEquals(!construction.equals("compact"), r.get("outside").get("certified").asBoolean());
        }
        JsonNode r = json("approximate", "--function", "sin(3*x1)", "--domain", "0:1", "--lipschitz", "3",
                "--construction", "intrinsic", "--bits", "3", "--json");
        assertEquals(3, r.get("targetDependentParameters").asInt() - 2, "n + 2 intrinsic parameters");
        assertTrue(r.get("grid").get("maxError").asDouble() <= r.get("bound").asDouble(), r.toString());
        assertEquals(5 * 3 * Math.scalb(1.0, -3), r.get("bound").asDouble(), 1e-3, "5λ√d·2⁻ⁿ plus rounding allowance");
    }

    @Test
    void vectorValuedTargetsAndTwoVariablesGiveTheTheoremsWidths() throws IOException {
        JsonNode v = json("approximate", "--function", "max(0,1-abs(x)); x^2*max(0,1-x^2)", "--domain", "-1:1",
                "--epsilon", "0.2", "--lipschitz", "2", "--construction", "bounded-width", "--json");
        int[] widths = JSON.convertValue(v.get("widths"), int[].class);
        assertEquals(2, widths[widths.length - 1], "m = 2 outputs");
        assertTrue(Arrays.stream(widths, 1, widths.length - 1).allMatch(w -> w == 1 + 2 + 1), "hidden widths n + m + 1");
        JsonNode two = json("approximate", "--function", "max(0, 1 - abs(x1) - abs(x2))", "--domain", "-1:1,-1:1",
                "--epsilon", "0.5", "--lipschitz", "1.5", "--json");
        int[] w2 = JSON.convertValue(two.get("widths"), int[].class);
        int[] expected = new int[w2.length];
        expected[0] = 2;
        for (int i = 1; i < w2.length - 1; i++) {
            expected[i] = 2 + i;
        }
        expected[w2.length - 1] = 1;
        assertArrayEquals(expected, w2, "Theorem 3: hidden widths n+1 … n+N");
        assertTrue(two.get("grid").get("maxError").asDouble() <= two.get("bound").asDouble());
    }

    @Test
    void textReportNamesTheBoundAndTheMeasurementsAndPlotsArePngFiles(@TempDir Path dir) throws IOException {
        Path one = dir.resolve("one.png");
        Path two = dir.resolve("two.png");
        CliRun run = CliRun.run(UNUSED, "approximate", "--function", "exp(-x1^2)", "--domain", "-2:2", "--epsilon", "0.1",
                "--plot", one.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("certified bound") && run.out().contains("measured on K"), run.out());
        assertTrue(run.out().contains("estimated from finite differences"), "an estimated constant is flagged");
        CliRun heat = CliRun.run(UNUSED, "approximate", "--function", "x1*x2", "--domain", "0:1,0:1", "--epsilon", "0.3",
                "--lipschitz", "1.5", "--construction", "compact", "--plot", two.toString());
        assertEquals(0, heat.exitCode(), heat.err());
        for (Path png : new Path[] {one, two}) {
            byte[] head = Arrays.copyOf(Files.readAllBytes(png), 4);
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, head, png + " is a PNG");
        }
    }

    @Test
    void aHolderTargetWithAModulusFormulaMeetsItsBound() throws IOException {
        JsonNode r = json("approximate", "--function", "sqrt(abs(x1))", "--domain", "-1:1", "--epsilon", "0.2",
                "--modulus", "sqrt(t)", "--construction", "bounded-width", "--json");
        assertEquals("ω(t) = sqrt(t)", r.get("modulus").asText());
        assertTrue(r.get("lipschitz").isNull());
        assertTrue(r.get("grid").get("maxError").asDouble() <= r.get("bound").asDouble(), r.toString());
        assertTrue(r.get("bound").asDouble() < 0.2);
    }

    @Test
    void badInputEndsWithOneLineNamingIt() {
        fails(1, "must vanish at 0", "approximate", "--function", "x1", "--domain", "0:1", "--epsilon", "0.1",
                "--modulus", "t+1");
        fails(1, "its variable is t", "approximate", "--function", "x1", "--domain", "0:1", "--epsilon", "0.1",
                "--modulus", "sqrt(x)");
        fails(2, "not both", "approximate", "--function", "x1", "--domain", "0:1", "--epsilon", "0.1",
                "--modulus", "t", "--lipschitz", "1");
        fails(1, "Unknown function or variable 'y'", "approximate", "--function", "x1 + y", "--domain", "0:1",
                "--epsilon", "0.1");
        fails(1, "inverted", "approximate", "--function", "x1", "--domain", "1:0", "--epsilon", "0.1");
        fails(1, "must be written a:b", "approximate", "--function", "x1", "--domain", "0-1", "--epsilon", "0.1");
        fails(2, "--epsilon must be a positive", "approximate", "--function", "x1", "--domain", "0:1", "--epsilon", "-1");
        fails(2, "--lipschitz must be a finite", "approximate", "--function", "x1", "--domain", "0:1", "--epsilon",
                "0.1", "--lipschitz", "NaN");
        fails(2, "--epsilon is required", "approximate", "--function", "x1", "--domain", "0:1");
        fails(1, "d·n is limited to 12", "approximate", "--function", "x1", "--domain", "0:1",
                "--construction", "intrinsic", "--epsilon", "0.00001", "--lipschitz", "1");
        fails(1, "exceeds the limit", "approximate", "--function", "x1", "--domain", "0:1", "--epsilon", "1e-4",
                "--lipschitz", "1");
        fails(2, "--construction must be", "approximate", "--function", "x1", "--domain", "0:1", "--epsilon", "0.1",
                "--construction", "magic");
    }

    private static long[] bits(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    @Test
    void theSavedNetworkIsTheConstructionAndInfoEvalAndCompressReadIt(@TempDir Path dir) throws IOException {
        String hat = "max(0, 1 - abs(x1))";
        Path model = dir.resolve("m.safetensors");
        JsonNode r = json("approximate", "--function", hat, "--domain", "-1.5:1.5", "--epsilon", "0.05",
                "--lipschitz", "1", "--backend", "ejml", "-o", model.toString(), "--json");
        assertEquals(model.toString(), r.get("model").asText(), "the JSON report names the file");
        double bound = r.get("bound").asDouble();

        VectorFunction f = ExpressionTarget.parse(hat, 1);
        BoxDomain box = ExpressionTarget.parseDomain("-1.5:1.5");
        Approximation<?> built = StepReluBallCover.build(Backends.get("ejml"), f, box, Modulus.lipschitz(1), 0.05,
                AffineMap.zero(1, 1));
        FeedForwardNetwork loaded = ModelFiles.load(model, Backends.get("ejml"), null);
        assertArrayEquals(bits(built.network().parameters().flatten()), bits(loaded.parameters().flatten()),
                "the file holds bitwise the library's construction");

        JsonNode info = json("info", model.toString(), "--json", "--backend", "ejml");
        assertEquals("radial", info.get("kind").asText());
        assertEquals("step-relu", info.get("activation").asText());
        assertEquals(r.get("widths"), info.get("widths"));
        assertEquals(r.get("parameters").asLong(), info.get("parameters").asLong());
        assertTrue(info.get("shifts").isNull());

        // eval on a grid of K and points far outside it (f = 0 there), targets f(x): every prediction within the bound
        StringBuilder csv = new StringBuilder("x1,y\n");
        Stream.concat(Arrays.stream(box.grid(3001)), Arrays.stream(box.farOutside(200, 3)))
                .forEach(x -> csv.append(x[0]).append(',').append(f.apply(x)[0]).append('\n'));
        Path data = dir.resolve("grid.csv");
        Files.writeString(data, csv);
        for (Path file : new Path[] {model, compressed(model, dir.resolve("small.json"))}) {
            Path predictions = dir.resolve("pred.csv");
            JsonNode eval = json("eval", file.toString(), "--data", data.toString(), "--predict", predictions.toString(),
                    "--json", "--backend", "ejml");
            assertEquals(3201, eval.get("samples").asInt());
            assertTrue(eval.get("value").asDouble() <= bound * bound, file + ": mean squared error " + eval);
            List<String> x = Files.readAllLines(data);
            List<String> y = Files.readAllLines(predictions);
            assertEquals(x.size(), y.size());
            for (int k = 1; k < x.size(); k++) {
                double target = Double.parseDouble(x.get(k).split(",")[1]);
                double error = Math.abs(Double.parseDouble(y.get(k)) - target);
                assertTrue(error <= bound, file + ": |F − f| = " + error + " at x = " + x.get(k).split(",")[0]);
            }
        }
    }

    /** Runs {@code radnet compress} and checks that it reports a lossless compression. */
    private static Path compressed(Path model, Path out) throws IOException {
        JsonNode c = json("compress", model.toString(), "-o", out.toString(), "--json", "--backend", "ejml");
        assertTrue(c.get("maxAbsDiff").asDouble() <= 1e-9, "QR-compress keeps the function: " + c);
        assertEquals(c.get("widths"), c.get("reducedWidths"), "Theorem 3's widths n+i are already reduced");
        return out;
    }

    @Test
    void theIntrinsicNetworkIsSavedAsAReluMlpInJson(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("wave.json");
        CliRun run = CliRun.run(UNUSED, "approximate", "--function", "sin(3*x1)", "--domain", "0:1", "--lipschitz", "3",
                "--construction", "intrinsic", "--bits", "4", "--backend", "ejml", "-o", model.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.outLines().contains("model file          wrote " + model + " (json; the certificate is not stored "
                + "in it)"), run.out());
        JsonNode info = json("info", model.toString(), "--json", "--backend", "ejml");
        assertEquals("mlp", info.get("kind").asText());
        assertEquals("relu", info.get("activation").asText());
        var built = IntrinsicParameterNetwork.build(Backends.get("ejml"), ExpressionTarget.parse("sin(3*x1)", 1),
                BoxDomain.unitCube(1), Modulus.lipschitz(3), 4);
        assertArrayEquals(bits(built.network().parameters().flatten()),
                bits(ModelFiles.load(model, Backends.get("ejml"), null).parameters().flatten()),
                "JSON keeps every bit, the normalising layer's −0.0 included");
    }

    @Test
    void aFailedRunWritesNoModelAndSaysWhyOnOneLine(@TempDir Path dir) throws IOException {
        fails(2, "a model is written as .safetensors or .json", "approximate", "--function", "x1", "--domain", "0:1", "--epsilon", "0.1",
                "--lipschitz", "1", "-o", dir.resolve("m.pt").toString());
        fails(2, "does not exist", "approximate", "--function", "x1", "--domain", "0:1", "--epsilon", "0.1",
                "--lipschitz", "1", "-o", dir.resolve("missing").resolve("m.safetensors").toString());
        fails(2, "save it as .json", "approximate", "--function", "x1", "--domain", "0:1",
                "--construction", "intrinsic", "--epsilon", "0.001", "--lipschitz", "1",
                "-o", dir.resolve("m.safetensors").toString());
        fails(1, "Unknown function or variable 'y'", "approximate", "--function", "y", "--domain", "0:1",
                "--epsilon", "0.1", "-o", dir.resolve("m.json").toString());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "no model file and no temporary file is left behind");
        }
        assertFalse(Files.exists(dir.resolve("missing")));
    }
}
