package io.radnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.radnet.api.BackendDiagnostics;
import io.radnet.api.BackendRegistry;
import io.radnet.api.RadnetConfig;
import io.radnet.core.approx.BoxDomain;
import io.radnet.core.approx.IntrinsicConstruction;
import io.radnet.core.approx.IntrinsicParameterNetwork;
import io.radnet.core.approx.Modulus;
import io.radnet.core.approx.exact.ExactNetwork;
import io.radnet.core.io.ExactModelJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code radnet approximate --construction intrinsic}: exact runs, Lᵖ, Theorem 2.2, excluded strips, exact files. */
class IntrinsicRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Supplier<BackendDiagnostics> UNUSED =
            new BackendRegistry(RadnetConfig.of(Map.of(), Map.of()))::diagnostics;

    private static JsonNode json(String... args) throws IOException {
        return ApproximateCommandTest.json(args);
    }

    private static void fails(int exit, String fragment, String... args) {
        ApproximateCommandTest.fails(exit, fragment, args);
    }

    @Test
    void beyondDoublesTheRunIsExactAndChecksEveryCube() throws IOException {
        JsonNode r = json("approximate", "--function", "sin(x1+x2)+cos(x1-x2)", "--domain", "0:1,0:1", "--lipschitz", "2",
                "--construction", "intrinsic", "--bits", "3", "--json");
        assertEquals("exact", r.get("evaluation").asText());
        assertEquals(64, r.get("cubes").get("checked").asInt());
        assertEquals(0, r.get("cubes").get("disagreeing").size());
        double bound = r.get("bound").asDouble();
        assertTrue(bound < 2 * Math.sqrt(2), "below s/2 = ω(√2): the bound says something");
        assertTrue(r.get("grid").get("maxError").asDouble() <= bound, r.toString());
        JsonNode excluded = r.get("excluded");
        assertEquals(2, excluded.size(), "one list per input axis");
        for (JsonNode axis : excluded) {
            assertEquals(7, axis.size(), "K − 1 strips");
            for (int k = 1; k <= 7; k++) {
                JsonNode interval = axis.get(k - 1);
                assertEquals(k / 8.0 - 1 / 32.0, interval.get(0).asDouble(), 0.0, "[k/K − δ, k/K], δ = 1/(4K)");
                assertEquals(k / 8.0, interval.get(1).asDouble(), 0.0);
            }
        }
    }

    @Test
    void smallRunsStayInDoublesUnlessAskedAndBothAgree() throws IOException {
        String[] args = {"approximate", "--function", "sin(3*x1)", "--domain", "0:1", "--lipschitz", "3",
            "--construction", "intrinsic", "--bits", "4", "--json", "--grid", "2001"};
        JsonNode doubles = json(args);
        String[] exactArgs = java.util.Arrays.copyOf(args, args.length + 1);
        exactArgs[args.length] = "--exact";
        JsonNode exact = json(exactArgs);
        assertEquals("double", doubles.get("evaluation").asText());
        assertTrue(doubles.get("cubes").isNull());
        assertEquals("exact", exact.get("evaluation").asText());
        assertEquals(16, exact.get("cubes").get("checked").asInt());
        assertEquals(doubles.get("grid").get("points").asInt() + 16, exact.get("grid").get("points").asInt(),
                "the double certificate also leaves out [k/K, k/K + 10⁻¹²): the 15 grid points on lines k/16, and x = 1");
        double bound = exact.get("bound").asDouble();
        assertTrue(exact.get("grid").get("maxError").asDouble() <= bound);
        assertTrue(doubles.get("grid").get("maxError").asDouble() <= exact.get("grid").get("maxError").asDouble() + 1e-12,
                "the exact run measures a superset of the points, with the same F on the cubes");
    }

    @Test
    void lpRunsNarrowTheStripsAndMeasureTheLpError() throws IOException {
        JsonNode r = json("approximate", "--function", "sin(3*x1)", "--domain", "0:1", "--lipschitz", "3",
                "--construction", "intrinsic", "--bits", "4", "--p", "2", "--json", "--grid", "4001");
        assertEquals(2.0, r.get("lp").get("p").asDouble());
        assertEquals(4001, r.get("lp").get("points").asInt(), "L^p is measured over the whole grid, strips included");
        assertTrue(r.get("lp").get("error").asDouble() <= r.get("bound").asDouble(), r.toString());
        assertEquals(12, r.get("deltaExponent").asInt(), "d(K−1)·2^{−e} ≤ 2^{−pn}: 15·2^{−12} ≤ 2^{−8}");
        assertTrue(r.get("bound").asDouble() < 3, "below s/2 = ω(1) = 3");
    }

    @Test
    void theUniformRunExcludesNothing() throws IOException {
        JsonNode r = json("approximate", "--function", "sin(3*x1)", "--domain", "0:1", "--lipschitz", "3",
                "--construction", "intrinsic", "--bits", "4", "--uniform", "--json", "--grid", "1001");
        assertEquals("exact", r.get("evaluation").asText());
        assertEquals(0, r.get("excluded").get(0).size());
        assertEquals(1001, r.get("grid").get("points").asInt(), "every grid point is certified");
        assertTrue(r.get("grid").get("maxError").asDouble() <= r.get("bound").asDouble(), r.toString());
        assertTrue(r.get("construction").asText().equals("intrinsic"));
        assertEquals(3 * 4 + 3, r.get("targetDependentParameters").asInt(), "3^d·n + 3: L repeated, s twice, b");
    }

    @Test
    void theThreeParameterRunStoresEveryDigitInV() throws IOException {
        JsonNode r = json("approximate", "--function", "sin(3*x1)", "--domain", "0:1", "--lipschitz", "3",
                "--construction", "intrinsic", "--bits", "3", "--three-parameters", "--json", "--grid", "501");
        assertEquals(3, r.get("targetDependentParameters").asInt(), "s, v and b");
        assertEquals(8, r.get("cubes").get("checked").asInt());
        assertEquals(0, r.get("cubes").get("disagreeing").size());
        assertTrue(r.get("v").asText().startsWith("0."), "v ∈ [0, 1) as an exact decimal: " + r.get("v"));
        assertEquals(501, r.get("grid").get("points").asInt());
        assertTrue(r.get("grid").get("maxError").asDouble() <= r.get("bound").asDouble(), r.toString());
    }

    @Test
    void anExactNetworkIsSavedWithExactStrings(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("exact.json");
        CliRun run = CliRun.run(UNUSED, "approximate", "--function", "sin(3*x1)", "--domain", "-1:2", "--lipschitz", "3",
                "--construction", "intrinsic", "--bits", "5", "-o", model.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode file = JSON.readTree(Files.readAllBytes(model));
        assertEquals("true", file.get("metadata").get("exact").asText());
        assertEquals("1/3", file.get("tensors").get("layers.0.weight").get(0).get(0).asText(), "1/(b − a) kept exact");
        ExactNetwork read = ExactModelJson.read(model);
        IntrinsicConstruction built = IntrinsicParameterNetwork.construct(ExpressionTarget.parse("sin(3*x1)", 1),
                new BoxDomain(new double[] {-1}, new double[] {2}), Modulus.lipschitz(3), 5);
        assertEquals(built.network().depth(), read.depth());
        for (int i = 0; i < read.depth(); i++) {
            assertEquals(built.network().layers().get(i), read.layers().get(i), "layer " + (i + 1) + " read back exactly");
        }
        assertFalse(read.isDoubleExact(), "a_ℓ has 2^6 binary digits");
        CliRun info = CliRun.run(UNUSED, "info", model.toString());
        assertEquals(0, info.exitCode(), info.err());
        assertTrue(info.out().contains("exact rationals"), info.out());
    }

    @Test
    void badIntrinsicOptionsEndWithOneLine() {
        fails(2, "--p applies to --construction intrinsic and rcnet only", "approximate", "--function", "x1", "--domain", "0:1", "--epsilon", "0.1", "--p", "2");
        fails(2, "not both", "approximate", "--function", "x1", "--domain", "0:1", "--lipschitz", "1",
                "--construction", "intrinsic", "--bits", "2", "--p", "2", "--uniform");
        fails(2, "--p must be", "approximate", "--function", "x1", "--domain", "0:1", "--lipschitz", "1",
                "--construction", "intrinsic", "--bits", "2", "--p", "0.5");
        fails(2, "evaluates exactly", "approximate", "--function", "x1", "--domain", "0:1", "--lipschitz", "1",
                "--construction", "intrinsic", "--bits", "2", "--uniform", "--plot", "f.png");
    }
}
