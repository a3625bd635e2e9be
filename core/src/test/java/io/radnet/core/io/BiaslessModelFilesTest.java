package io.radnet.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.core.activation.RadialProfiles;
import io.radnet.core.network.FeedForwardNetwork;
import io.radnet.core.network.RadialNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files of radial networks without layer biases: no bias tensors, metadata
 * {@code layer_biases=false}, read back as a network without layer biases; a plain state dict
 * without biases (PyTorch's {@code nn.Linear(…, bias=False)}) reads as one too; inconsistent files
 * are refused with one line.
 */
class BiaslessModelFilesTest {
    private static final Backend EJML = Backends.get("ejml");

    @TempDir
    Path dir;

    @Test
    void aNetworkWithoutLayerBiasesRoundTripsWithoutBiasTensors() {
        RadialNetwork net = RadialNetwork.initializedWithoutBiases(EJML, new int[] {4, 5, 6, 2},
                RadialProfiles.stepRelu(1e-6), 3);
        for (String name : List.of("net.safetensors", "net.json")) {
            Path file = dir.resolve(name);
            ModelFiles.save(net, file);
            TensorFile content = ModelFiles.readTensors(file);
            assertEquals(List.of("layers.0.weight", "layers.1.weight", "layers.2.weight"),
                    content.tensors().stream().map(NamedTensor::name).toList(), name);
            assertEquals("false", content.metadata().get("layer_biases"), name);
            RadialNetwork back = assertInstanceOf(RadialNetwork.class, ModelFiles.load(file, EJML, null));
            assertFalse(back.layerBiases(), name);
            assertArrayEquals(net.parameters().flatten(), back.parameters().flatten(), 0.0, name);
        }
        RadialNetwork withBiases = RadialNetwork.initialized(EJML, new int[] {4, 5, 6, 2}, RadialProfiles.sigmoid(), 3);
        Path file = dir.resolve("biased.safetensors");
        ModelFiles.save(withBiases, file);
        assertFalse(ModelFiles.readTensors(file).metadata().containsKey("layer_biases"), "the default is not written");
        assertTrue(((RadialNetwork) ModelFiles.load(file, EJML, null)).layerBiases());
    }

    @Test
    void aPlainStateDictWithoutBiasesIsARadialNetworkWithoutLayerBiases() throws IOException {
        Path plain = dir.resolve("plain.json");
        Files.writeString(plain, "{\"tensors\":{\"0.weight\":[[1,2],[3,4],[5,6]],\"2.weight\":[[1,2,3],[4,5,6]]}}");
        FeedForwardNetwork radial = ModelFiles.load(plain, EJML, StateDict.Kind.RADIAL, "step-relu:1e-6");
        assertFalse(radial.layerBiases());
        assertArrayEquals(new int[] {2, 3, 2}, radial.widths());
        IllegalArgumentException mlp = assertThrows(IllegalArgumentException.class,
                () -> ModelFiles.load(plain, EJML, StateDict.Kind.MLP, "relu"));
        assertTrue(mlp.getMessage().contains("0.bias is missing: an MLP's layers have biases"), mlp.getMessage());
    }

    @Test
    void inconsistentFilesAreRefusedWithOneLine() throws IOException {
        String weights = "\"layers.0.weight\":[[1,2],[3,4],[5,6]],\"layers.1.weight\":[[1,2,3],[4,5,6]]";
        String radnet = "\"metadata\":{\"format\":\"radnet\",\"kind\":\"radial\",\"widths\":\"[2,3,2]\","
                + "\"activation\":\"sigmoid\",\"trainable_shifts\":\"false\"";
        Path partial = dir.resolve("partial.json");
        Files.writeString(partial, "{" + radnet + "},\"tensors\":{" + weights + ",\"layers.1.bias\":[7,8]}}");
        Path claimsNone = dir.resolve("claims-none.json");
        Files.writeString(claimsNone, "{" + radnet + ",\"layer_biases\":\"false\"},\"tensors\":{" + weights
                + ",\"layers.0.bias\":[1,2,3],\"layers.1.bias\":[7,8]}}");
        Path claimsSome = dir.resolve("claims-some.json");
        Files.writeString(claimsSome, "{" + radnet + "},\"tensors\":{" + weights + "}}");
        Path badValue = dir.resolve("bad-value.json");
        Files.writeString(badValue, "{" + radnet + ",\"layer_biases\":\"no\"},\"tensors\":{" + weights + "}}");
        for (Object[] c : new Object[][] {
                {partial, "layers.0.bias is missing: the file has biases for 1 of its 2 layers"},
                {claimsNone, "metadata layer_biases=false but the file has the bias tensor 'layers.0.bias'"},
                {claimsSome, "layers.0.bias is missing (metadata layer_biases=false marks a network without layer biases)"},
                {badValue, "metadata layer_biases must be true or false, got 'no'"}}) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> ModelFiles.load((Path) c[0], EJML, null));
            assertTrue(e.getMessage().contains((String) c[1]), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        }
    }
}
