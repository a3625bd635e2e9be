package io.radnet.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.radnet.api.Backends;
import io.radnet.core.data.HypernetworkTargets;
import io.radnet.core.network.RadialNetwork;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Settings read from and written to JSON; results written to JSON. */
class ExperimentJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> keys(String json) throws IOException {
        List<String> keys = new ArrayList<>();
        JSON.readTree(json).fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void everyDefaultSettingsRecordSurvivesARoundTrip() {
        List<Record> defaults = List.of(RadialExperiment1.Settings.defaults(), RadialExperiment2.Settings.defaults(),
                RadialExperiment3.Settings.defaults());
        for (Record settings : defaults) {
            assertEquals(settings, ExperimentJson.readSettings(ExperimentJson.write(settings), settings));
        }
        HypernetExperiment.Settings h = HypernetExperiment.Settings.defaults();
        HypernetExperiment.Settings hRead = ExperimentJson.readSettings(ExperimentJson.write(h), h);
        assertEquals(h.types(), hRead.types());
        assertArrayEquals(h.depths(), hRead.depths());
        assertEquals(ExperimentJson.write(h), ExperimentJson.write(hRead));
        RcnetExperiment.Settings r = RcnetExperiment.Settings.defaults();
        assertEquals(ExperimentJson.write(r), ExperimentJson.write(ExperimentJson.readSettings(ExperimentJson.write(r), r)));
    }

    @Test
    void theKeysAreTheComponentNamesInOrder() throws IOException {
        assertEquals(List.of("seeds", "targetLoss", "maxEpochs", "backprop"),
                keys(ExperimentJson.write(RadialExperiment3.Settings.defaults())));
        assertEquals(List.of("types", "depths", "seeds", "xWidth", "iWidth", "hiddenWidth", "primaryHidden",
                "trainSamples", "testSamples", "epochs", "batchSize", "learningRate", "initialization"),
                keys(ExperimentJson.write(HypernetExperiment.Settings.defaults())));
        JsonNode types = JSON.readTree(ExperimentJson.write(HypernetExperiment.Settings.defaults())).get("types");
        assertEquals("[\"I\",\"II\",\"III\"]", types.toString());
    }

    @Test
    void keysLeftOutKeepTheirDefaults() {
        RadialExperiment3.Settings read = ExperimentJson.readSettings("{\"seeds\": 1, \"targetLoss\": 0.4}",
                RadialExperiment3.Settings.defaults());
        assertEquals(new RadialExperiment3.Settings(1, 0.4, 5000), read);
        assertEquals(new RadialExperiment3.Settings(3, 0.01, 5000, RadialNetwork.Backprop.SUBSPACE),
                ExperimentJson.readSettings("{\"backprop\": \"SUBSPACE\"}", RadialExperiment3.Settings.defaults()));

        HypernetExperiment.Settings h = ExperimentJson.readSettings("{\"types\": [\"II\"], \"depths\": [2, 3]}",
                HypernetExperiment.Settings.defaults());
        assertEquals(List.of(HypernetworkTargets.Type.II), h.types());
        assertArrayEquals(new int[] {2, 3}, h.depths());
        assertEquals(10_000, h.trainSamples());
    }

    @Test
    void badJsonFailsWithOneLineNamingWhatWasWrong() {
        String unknown = assertThrows(IllegalArgumentException.class, () -> ExperimentJson.readSettings(
                "{\"seed\": 2}", RadialExperiment1.Settings.defaults())).getMessage();
        assertTrue(unknown.startsWith("cannot read RadialExperiment1.Settings: ") && unknown.contains("\"seed\""),
                unknown);
        assertEquals(1, unknown.lines().count(), unknown);

        String rejected = assertThrows(IllegalArgumentException.class, () -> ExperimentJson.readSettings(
                "{\"epochs\": 0}", RadialExperiment2.Settings.defaults())).getMessage();
        assertEquals("cannot read RadialExperiment2.Settings: experiment 2 needs at least 1 epoch, got 0", rejected);

        String missing = assertThrows(IllegalArgumentException.class, () -> ExperimentJson.readSettings(
                "{\"depths\": null}", HypernetExperiment.Settings.defaults())).getMessage();
        assertEquals("cannot read HypernetExperiment.Settings: the depths setting is missing", missing);

        String notAnObject = assertThrows(IllegalArgumentException.class, () -> ExperimentJson.readSettings(
                "[1, 2]", RadialExperiment1.Settings.defaults())).getMessage();
        assertEquals("RadialExperiment1.Settings must be a JSON object, got array", notAnObject);
    }

    @Test
    void aResultIsWrittenWithItsSettingsBackendAndVersion() throws IOException {
        RadialExperiment1.Result result = new RadialExperiment1(Backends.get("ejml"))
                .run(new RadialExperiment1.Settings(2));
        JsonNode json = JSON.readTree(ExperimentJson.write(result));

        assertEquals(List.of("settings", "backend", "radnetVersion", "radnetCommit", "widths", "reducedWidths",
                "meanDifference", "maxDifference"), keys(ExperimentJson.write(result)));
        assertEquals(2, json.get("settings").get("seeds").asInt());
        assertEquals("ejml", json.get("backend").asText());
        assertEquals(RadnetVersion.current(), json.get("radnetVersion").asText());
        assertEquals(RadnetVersion.commit(), json.get("radnetCommit").asText());
        assertEquals(result.meanDifference()[1], json.get("meanDifference").get(1).asDouble());
    }

    @Test
    void aNumberThatIsNotFiniteIsWrittenAsAString() throws IOException {
        JsonNode json = JSON.readTree(ExperimentJson.write(Summary.of(new double[] {2.5})));

        assertEquals(2.5, json.get("mean").asDouble());
        assertEquals("NaN", json.get("std").textValue(), "one seed has no sample standard deviation");
    }

    @Test
    void theVersionIsTheProjectVersion() {
        assertTrue(RadnetVersion.current().matches("\\d+\\.\\d+\\.\\d+.*"), RadnetVersion.current());
    }

    @Test
    void theCommitIsAGitCommitOrUnknownWhenTheBuildRecordedNone() {
        String commit = RadnetVersion.commit();
        assertTrue(commit.equals(RadnetVersion.UNKNOWN) || commit.matches("[0-9a-f]{40}(-dirty)?"), commit);
    }
}
