package io.radnet.bench.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.radnet.bench.gate.BenchmarkResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SideBySideTest {
    private static final String STEP = "io.radnet.bench.TrainingStepBenchmark.radialExperiment3";

    private static JsonNode pytorch() throws Exception {
        return new ObjectMapper().readTree("{\"threads\": 1, \"torch\": \"1.13.1\", \"msPerEpoch\": {"
                + "\"full-float32\": 60.0, \"reduced-float32\": 3.5, \"full-float64\": 80.0, \"reduced-float64\": 4.0}}");
    }

    private static BenchmarkResult step(String network, String backend, double milliseconds) {
        return new BenchmarkResult(STEP, Map.of("backend", backend, "network", network, "threads", "1"), "avgt",
                milliseconds * 1000, "us/op");
    }

    private static boolean report(List<BenchmarkResult> rows, StringWriter text) throws Exception {
        return SideBySide.report(rows, pytorch(), new PrintWriter(text, true));
    }

    @Test
    void theFullTargetUsesTheFastestBackendAndTheReducedTargetTheDefaultOne() throws Exception {
        StringWriter text = new StringWriter();
        boolean met = report(List.of(step("full", "ejml", 90), step("full", "nd4j", 30),
                step("reduced", "ejml", 1.5), step("reduced", "nd4j", 1.0)), text);

        assertTrue(met, text.toString());
        assertTrue(text.toString().contains("target full    on the fastest backend (nd4j): 0.50× vs float32 ≤ 0.6× — met"),
                text.toString());
        assertTrue(text.toString().contains("target reduced on the default backend (ejml): 0.43× vs float32 ≤ 0.5× — met"),
                text.toString());
    }

    @Test
    void aSlowDefaultBackendMissesTheReducedTargetEvenWhenAnotherBackendIsFast() throws Exception {
        StringWriter text = new StringWriter();
        assertFalse(report(List.of(step("full", "nd4j", 30), step("reduced", "ejml", 2.0), step("reduced", "nd4j", 1.0)), text));
        assertTrue(text.toString().contains("0.57× vs float32 ≤ 0.5× — NOT met"), text.toString());
    }

    @Test
    void theDensePassOfTheFullNetworkIsShownAgainstTheFullAnchorWithoutATarget() throws Exception {
        StringWriter text = new StringWriter();
        boolean met = report(List.of(step("full", "ejml", 6), step("full-dense", "ejml", 90), step("full-dense", "nd4j", 66),
                step("reduced", "ejml", 1.5)), text);

        assertTrue(met, text.toString());
        assertTrue(text.toString().contains("full-dense nd4j          66.000         60.000         80.000      1.10×      0.83×"),
                text.toString());
        assertTrue(text.toString().contains("full-dense (every layer at full width, as PyTorch computes it; no target):"
                + " fastest backend (nd4j) 1.10× vs float32"), text.toString());
        assertTrue(text.toString().contains("target full    on the fastest backend (ejml): 0.10× vs float32 ≤ 0.6× — met"),
                text.toString());
    }

    @Test
    void missingRowsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> report(List.of(step("full", "nd4j", 30)), new StringWriter()));
    }
}
