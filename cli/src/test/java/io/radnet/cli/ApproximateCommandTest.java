package io.radnet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.radnet.api.BackendDiagnostics;
import io.radnet.api.BackendRegistry;
import io.radnet.api.RadnetConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code radnet approximate}: every construction reports a measured error within its certified
 * bound, the formulas go through exp4j, plots are PNG files, and bad input ends with one line.
 */
class ApproximateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Supplier<BackendDiagnostics> UNUSED =
            new BackendRegistry(RadnetConfig.of(Map.of(), Map.of()))::diagnostics;

    private static JsonNode json(String... args) throws IOException {
        CliRun run = CliRun.run(UNUSED, args);
        assertEquals(0, run.exitCode(), run.err());
        return JSON.readTree(run.out());
    }

    private static void fails(int exit, String fragment, String... args) {
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
        fails(1, "double arithmetic limits d·n to 4", "approximate", "--function", "x1", "--domain", "0:1",
                "--construction", "intrinsic", "--epsilon", "0.001", "--lipschitz", "1");
        fails(1, "exceeds the limit", "approximate", "--function", "x1", "--domain", "0:1", "--epsilon", "1e-4",
                "--lipschitz", "1");
        fails(2, "--construction must be", "approximate", "--function", "x1", "--domain", "0:1", "--epsilon", "0.1",
                "--construction", "magic");
    }
}
