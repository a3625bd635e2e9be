package io.radnet.core.io;

import static io.radnet.core.io.ModelFileFixtures.f64;
import static io.radnet.core.io.ModelFileFixtures.f64Sequence;
import static io.radnet.core.io.ModelFileFixtures.raw;
import static io.radnet.core.io.ModelFileFixtures.validHeader;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.RadialProfile;
import io.radnet.core.activation.PointwiseActivations;
import io.radnet.core.activation.RadialProfiles;
import io.radnet.core.network.FeedForwardNetwork;
import io.radnet.core.network.Mlp;
import io.radnet.core.network.RadialNetwork;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Safetensors and JSON model files: bitwise round trips, F32 widening, the byte layout the
 * format prescribes, and every kind of corrupt file rejected with a message naming the problem.
 */
class SafetensorsTest {
    private static final Backend EJML = Backends.get("ejml");

    @TempDir
    Path dir;

    private static RadialNetwork randomRadial(long seed, boolean shifts) {
        int[] widths = {3, 7, 5, 2};
        if (!shifts) {
            return RadialNetwork.initialized(EJML, widths, RadialProfiles.tanh(), seed);
        }
        RadialNetwork net = RadialNetwork.initializedWithShifts(EJML, widths, RadialProfiles.byName("Shifted-ReLU:0.25"),
                0.0, true, seed);
        double[] s = new SplittableRandom(seed).doubles(2, -1, 1).toArray();
        EJML.copy(EJML.fromRowMajor(1, 2, s), net.parameters().shifts());
        return net;
    }

    static Stream<Arguments> networksAndFormats() {
        return Stream.of("model.safetensors", "model.json").flatMap(name -> Stream.of(
                Arguments.of(name, randomRadial(11, false)),
                Arguments.of(name, randomRadial(12, true)),
                Arguments.of(name, Mlp.initialized(EJML, new int[] {4, 6, 3}, PointwiseActivations.elu(0.5), 13))));
    }

    @ParameterizedTest
    @MethodSource("networksAndFormats")
    void saveThenLoadGivesBitwiseTheSameParametersAndArchitecture(String name, FeedForwardNetwork network) {
        Path file = dir.resolve(name);
        ModelFiles.save(network, file);
        FeedForwardNetwork loaded = ModelFiles.load(file, EJML, null);

        assertEquals(network.getClass(), loaded.getClass());
        assertArrayEquals(network.widths(), loaded.widths());
        assertEquals(network.parameters().hasShifts(), loaded.parameters().hasShifts());
        assertEquals(network.trainableShifts(), loaded.trainableShifts());
        assertEquals(StateDict.activationOf(network), StateDict.activationOf(loaded));
        double[] expected = network.parameters().flatten();
        double[] actual = loaded.parameters().flatten();
        assertEquals(expected.length, actual.length);
        for (int k = 0; k < expected.length; k++) {
            assertEquals(Double.doubleToRawLongBits(expected[k]), Double.doubleToRawLongBits(actual[k]), "entry " + k);
        }
        var x = EJML.fromRowMajor(5, network.inputWidth(),
                new SplittableRandom(3).doubles(5L * network.inputWidth(), -2, 2).toArray());
        assertArrayEquals(network.forward(x).toRowMajor(), loaded.forward(x).toRowMajor(), 0.0);
    }

    @Test
    void theFileHasTheFormatsByteLayoutAndTensorNames() throws IOException {
        RadialNetwork network = randomRadial(5, true);
        Path file = dir.resolve("m.safetensors");
        ModelFiles.save(network, file);
        byte[] bytes = Files.readAllBytes(file);
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, (8 + headerLength) % 8, "data start 8-byte aligned");
        int parameters = network.parameters().size();
        assertEquals(8 + headerLength + 8L * parameters, bytes.length);

        TensorFile content = Safetensors.read(file);
        assertEquals(Map.of("format", "radnet", "kind", "radial", "widths", "[3,7,5,2]",
                "activation", "shifted-relu:0.25", "trainable_shifts", "true"), content.metadata());
        assertEquals(List.of("layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias", "layers.2.weight",
                "layers.2.bias", "act_fns.0.bias", "act_fns.1.bias"), content.tensors().stream().map(NamedTensor::name).toList());
        assertArrayEquals(new int[] {7, 3}, content.tensors().get(0).shape());
        assertArrayEquals(network.parameters().weight(1).toRowMajor(), content.tensors().get(0).values(), 0.0);
        assertArrayEquals(new double[] {network.parameters().shift(2)}, content.tensors().get(7).values(), 0.0);
    }

    /**
     * F64 tensors are read in chunks of 1 MiB: tensors longer than a chunk, not a multiple of it
     * and behind an odd offset come back bit for bit, and a NaN past the first chunk is named
     * with its index.
     */
    @Test
    void f64TensorsLongerThanTheReadChunkComeBackBitForBitAndANaNBeyondItIsNamed() throws IOException {
        double[] small = {1.5, -2.25, 3.0};
        double[] large = new SplittableRandom(9).doubles(300_007, -1e300, 1e300).toArray();
        large[131_073] = -0.0;
        large[131_074] = Double.MIN_VALUE;
        String header = "{\"small\":{\"dtype\":\"F64\",\"shape\":[3],\"data_offsets\":[0,24]},"
                + "\"large\":{\"dtype\":\"F64\",\"shape\":[300007],\"data_offsets\":[24," + (24 + 8 * 300_007) + "]}}";
        byte[] data = new byte[8 * (3 + 300_007)];
        System.arraycopy(f64(small), 0, data, 0, 24);
        System.arraycopy(f64(large), 0, data, 24, 8 * 300_007);
        TensorFile content = Safetensors.read(raw(dir.resolve("large.safetensors"), header, data));
        assertArrayEquals(small, content.tensors().get(0).values());
        double[] read = content.tensors().get(1).values();
        for (int k = 0; k < large.length; k++) {
            assertEquals(Double.doubleToRawLongBits(large[k]), Double.doubleToRawLongBits(read[k]), "large[" + k + "]");
        }

        large[200_000] = Double.NaN;
        System.arraycopy(f64(large), 0, data, 24, 8 * 300_007);
        Path bad = raw(dir.resolve("nan-late.safetensors"), header, data);
        ModelFileException e = assertThrows(ModelFileException.class, () -> Safetensors.read(bad));
        assertTrue(e.getMessage().contains("large") && e.getMessage().contains("NaN")
                && e.getMessage().contains("200000"), e.getMessage());
    }

    @Test
    void f32TensorsAreWidenedExactlyAndAPlainStateDictNeedsItsActivation() throws IOException {
        float[] w0 = {0.1f, -0.2f, 0.3f, 0.4f, -0.5f, 0.6f};
        float[] rest = {0.7f, 0.8f, -0.9f, 1.1f, 1.2f, 1.3f, -1.4f, 1.5f, 1.6f, 1.7f, 1.8f};
        ByteBuffer data = ByteBuffer.allocate(4 * 17).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : w0) {
            data.putFloat(v);
        }
        for (float v : rest) {
            data.putFloat(v);
        }
        String header = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"layers.0.weight\":{\"dtype\":\"F32\",\"shape\":[3,2],\"data_offsets\":[0,24]},"
                + "\"layers.0.bias\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[24,36]},"
                + "\"layers.1.weight\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[36,60]},"
                + "\"layers.1.bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[60,68]}}";
        Path file = raw(dir.resolve("plain.safetensors"), header, data.array());

        ModelFileException missing = assertThrows(ModelFileException.class, () -> ModelFiles.load(file, EJML, null));
        assertTrue(missing.getMessage().contains("plain state dict") && missing.getMessage().contains("[2,3,2]"),
                missing.getMessage());
        ModelFileException noKind = assertThrows(ModelFileException.class, () -> ModelFiles.load(file, EJML, "SIGMOID"));
        assertEquals(file + ": the file is a plain state dict (no format=radnet metadata) with widths [2,3,2], which "
                + "does not say what network it is: give its kind, --kind radial or --kind mlp, and its activation "
                + "with --activation NAME (never guessed)", noKind.getMessage());
        ModelFileException noActivation = assertThrows(ModelFileException.class,
                () -> ModelFiles.load(file, EJML, StateDict.Kind.MLP, null));
        assertTrue(noActivation.getMessage().endsWith("give its mlp activation, e.g. --activation relu"),
                noActivation.getMessage());
        assertInstanceOf(Mlp.class, ModelFiles.load(file, EJML, StateDict.Kind.MLP, "Tanh"));

        FeedForwardNetwork net = ModelFiles.load(file, EJML, StateDict.Kind.RADIAL, "SIGMOID");
        assertInstanceOf(RadialNetwork.class, net);
        assertArrayEquals(new int[] {2, 3, 2}, net.widths());
        assertEquals("sigmoid", StateDict.activationOf(net));
        double[] widened = new double[w0.length];
        for (int k = 0; k < w0.length; k++) {
            widened[k] = w0[k];
        }
        assertArrayEquals(widened, net.parameters().weight(1).toRowMajor(), 0.0);
        assertEquals((double) 1.7f, net.parameters().bias(2).get(0, 0), 0.0);
    }

    @Test
    void aPlainStateDictWithShiftsAppliesThemAsEtaOfRPlusS() throws IOException {
        // widths (1, 2, 1): W1 = [1, 0]ᵀ, b1 = 0, W2 = [1, 0], b2 = 0, shift s: F(x) = h(|x| + s)·sign(x)
        String header = "{\"layers.0.weight\":{\"dtype\":\"F64\",\"shape\":[2,1],\"data_offsets\":[0,16]},"
                + "\"layers.0.bias\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[16,32]},"
                + "\"layers.1.weight\":{\"dtype\":\"F64\",\"shape\":[1,2],\"data_offsets\":[32,48]},"
                + "\"layers.1.bias\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[48,56]},"
                + "\"act_fns.0.bias\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[56,64]}}";
        double s = 0.75;
        Path file = raw(dir.resolve("shift.safetensors"), header, f64(1, 0, 0, 0, 1, 0, 0, s));
        FeedForwardNetwork net = ModelFiles.load(file, EJML, StateDict.Kind.RADIAL, "relu");
        assertTrue(net.trainableShifts());
        ModelFileException mlp = assertThrows(ModelFileException.class,
                () -> ModelFiles.load(file, EJML, StateDict.Kind.MLP, "relu"));
        assertTrue(mlp.getMessage().contains("an MLP has no activation shifts"), mlp.getMessage());
        double[] xs = {-2.0, -0.5, 0.3, 1.5};
        double[] out = net.forward(EJML.fromRowMajor(4, 1, xs)).toRowMajor();
        for (int k = 0; k < xs.length; k++) {
            assertEquals(Math.signum(xs[k]) * Math.max(0, Math.abs(xs[k]) + s), out[k], 1e-15);
        }
    }

    static Stream<ModelFileFixtures.Corruption> corruptionCases() throws IOException {
        return ModelFileFixtures.corruptions(Files.createTempDirectory("radnet-corrupt")).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptionCases")
    void everyCorruptFileIsRejectedWithAMessageNamingTheProblem(ModelFileFixtures.Corruption c) {
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.load(c.file(), EJML, null));
        assertTrue(e.getMessage().startsWith(c.file().toString() + ": "), e.getMessage());
        for (String fragment : c.expected()) {
            assertTrue(e.getMessage().contains(fragment), "'" + fragment + "' missing from: " + e.getMessage());
        }
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void theValidFixtureLoads() throws IOException {
        Path file = raw(dir.resolve("ok.safetensors"), validHeader(), f64Sequence(17, -1.0));
        FeedForwardNetwork net = ModelFiles.load(file, EJML, null);
        assertArrayEquals(new int[] {2, 3, 2}, net.widths());
        assertEquals(-1.0 + 0.125 * 16, net.parameters().bias(2).get(0, 1), 0.0);
    }

    @Test
    void aFailedSaveLeavesTheExistingFileUntouchedAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("keep.safetensors");
        ModelFiles.save(randomRadial(1, false), file);
        byte[] before = Files.readAllBytes(file);
        RadialProfile custom = new RadialProfile() {
            @Override
            public double value(double r) {
                return r;
            }

            @Override
            public double derivative(double r) {
                return 1;
            }
        };
        RadialNetwork unnamed = new RadialNetwork(randomRadial(2, false).parameters(), custom, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFiles.save(unnamed, file));
        assertTrue(e.getMessage().contains("cannot be saved"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));

        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(file, out -> {
            out.write(new byte[1000]);
            throw new IllegalStateException("disk full, say");
        }));
        assertArrayEquals(before, Files.readAllBytes(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left");
        }
        UncheckedIOException missingDir = assertThrows(UncheckedIOException.class,
                () -> ModelFiles.save(randomRadial(1, false), dir.resolve("no/such/dir/m.safetensors")));
        assertTrue(missingDir.getMessage().contains("does not exist"), missingDir.getMessage());
    }

    private static String jsonModel(String weight0, String bias0) {
        return "{\"metadata\":{\"format\":\"radnet\",\"kind\":\"radial\",\"widths\":\"[2,3,2]\","
                + "\"activation\":\"sigmoid\"},\"tensors\":{\"layers.0.weight\":" + weight0 + ",\"layers.0.bias\":" + bias0
                + ",\"layers.1.weight\":[[1,2,3],[4,5,6]],\"layers.1.bias\":[7,8]}}";
    }

    @Test
    void aNewModelFileGetsTheProcesssDefaultPermissionsNotOwnerOnly() throws IOException {
        Path reference = Files.createFile(dir.resolve("reference"));
        Path file = dir.resolve("perm.safetensors");
        ModelFiles.save(randomRadial(1, false), file);
        assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(file));
    }

    @Test
    void jsonModelsRejectNonNumbersRaggedRowsAndHugeNumbers() throws IOException {
        Files.writeString(dir.resolve("ok.json"), jsonModel("[[1,2],[3,4],[5,6]]", "[0.5,0.25,0.125]"));
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6},
                ModelFiles.load(dir.resolve("ok.json"), EJML, null).parameters().weight(1).toRowMajor(), 0.0);
        Map<String, String[]> cases = Map.of(
                jsonModel("[[1,2],[3],[5,6]]", "[0.5,0.25,0.125]"), new String[] {"layers.0.weight", "row 1 has 1 entries"},
                jsonModel("[[1,2],[3,4],[5,6]]", "[0.5,\"x\",0.125]"), new String[] {"layers.0.bias", "not a number"},
                jsonModel("[[1,2],[3,4],[5,1e999]]", "[0.5,0.25,0.125]"), new String[] {"layers.0.weight", "[2, 1]"},
                jsonModel("[[1,2],[3,4],[5,6]]", "[0.5,0.25]"), new String[] {"layers.0.bias", "shape [3]"},
                "{\"tensors\": [1,", new String[] {"not valid JSON"});
        int k = 0;
        for (Map.Entry<String, String[]> c : cases.entrySet()) {
            Path file = dir.resolve("bad" + k++ + ".json");
            Files.writeString(file, c.getKey());
            ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.load(file, EJML, null));
            for (String fragment : c.getValue()) {
                assertTrue(e.getMessage().contains(fragment), "'" + fragment + "' missing from: " + e.getMessage());
            }
        }
    }

    @Test
    void aJsonModelFollowedByTextOrHoldingInvalidUtf8IsRefusedNamingWhere() throws IOException {
        String valid = jsonModel("[[1,2],[3,4],[5,6]]", "[0.5,0.25,0.125]");
        Path trailing = dir.resolve("trailing.json");
        Files.writeString(trailing, valid + "\n\n  garbage");
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.load(trailing, EJML, null));
        assertEquals(trailing + ": not valid JSON: Unrecognized token 'garbage': was expecting (JSON String, Number, "
                + "Array, Object or token 'null', 'true' or 'false') (line 3, column 10)", e.getMessage());
        Files.writeString(trailing, valid + "\n{}\n");
        e = assertThrows(ModelFileException.class, () -> ModelFiles.load(trailing, EJML, null));
        assertEquals(trailing + ": text after the JSON model, at line 2, column 1", e.getMessage());
        Files.writeString(trailing, valid + "\n \t\n");
        assertArrayEquals(new int[] {2, 3, 2}, ModelFiles.load(trailing, EJML, null).widths(), "white space is fine");

        byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
        int at = valid.indexOf("radnet") + 2;
        bytes[at] = (byte) 0xc3;
        Path invalid = dir.resolve("utf8.json");
        Files.write(invalid, bytes);
        e = assertThrows(ModelFileException.class, () -> ModelFiles.load(invalid, EJML, null));
        assertEquals(invalid + ": not valid UTF-8: byte 0xc3 at file offset " + at + " is not part of a valid UTF-8 sequence",
                e.getMessage());
    }

    @Test
    void anExtraShiftIsNamedNotReportedAsTheFirstShiftMissing() throws IOException {
        Path file = dir.resolve("shift.json");
        Files.writeString(file, jsonModel("[[1,2],[3,4],[5,6]]", "[0.5,0.25,0.125]").replace("\"layers.1.bias\":[7,8]",
                "\"layers.1.bias\":[7,8],\"act_fns.7.bias\":[0.5]"));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.load(file, EJML, null));
        assertEquals(file + ": tensor 'act_fns.7.bias' belongs to no hidden layer (there are 1)", e.getMessage());
    }

    @Test
    void unknownExtensionsAndContradictingActivationsAreRefused() {
        Path file = dir.resolve("m.safetensors");
        ModelFiles.save(randomRadial(4, false), file);
        IllegalArgumentException ext = assertThrows(IllegalArgumentException.class,
                () -> ModelFiles.save(randomRadial(4, false), dir.resolve("m.pt")));
        assertTrue(ext.getMessage().contains(".safetensors or .json"), ext.getMessage());
        ModelFileException contradiction = assertThrows(ModelFileException.class, () -> ModelFiles.load(file, EJML, "relu"));
        assertTrue(contradiction.getMessage().contains("activation is tanh"), contradiction.getMessage());
        assertEquals("tanh", StateDict.activationOf(ModelFiles.load(file, EJML, "TANH")));
    }

    private Path plainJson(String name, String tensors) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "{\"tensors\":{" + tensors + "}}");
        return file;
    }

    private static final String W0 = "[[1,2],[3,4],[5,6]]";
    private static final String B0 = "[0.5,0.25,0.125]";
    private static final String W1 = "[[1,2,3],[4,5,6]]";
    private static final String B1 = "[7,8]";

    @Test
    void nnSequentialNamesLoadAsTheSameLayersAsRadnetNames() throws IOException {
        Path sequential = plainJson("seq.json", "\"0.weight\":" + W0 + ",\"0.bias\":" + B0 + ",\"3.weight\":" + W1
                + ",\"3.bias\":" + B1);
        Path named = plainJson("named.json", "\"layers.0.weight\":" + W0 + ",\"layers.0.bias\":" + B0
                + ",\"layers.1.weight\":" + W1 + ",\"layers.1.bias\":" + B1);
        for (StateDict.Kind kind : StateDict.Kind.values()) {
            FeedForwardNetwork a = ModelFiles.load(sequential, EJML, kind, "tanh");
            FeedForwardNetwork b = ModelFiles.load(named, EJML, kind, "tanh");
            assertEquals(kind, StateDict.kind(a));
            assertArrayEquals(new int[] {2, 3, 2}, a.widths());
            assertArrayEquals(b.parameters().flatten(), a.parameters().flatten(), 0.0);
        }
        Path shifted = plainJson("shifted.json", "\"0.weight\":" + W0 + ",\"0.bias\":" + B0 + ",\"1.bias\":[0.75],"
                + "\"2.weight\":" + W1 + ",\"2.bias\":" + B1);
        FeedForwardNetwork radial = ModelFiles.load(shifted, EJML, StateDict.Kind.RADIAL, "relu");
        assertEquals(0.75, radial.parameters().shift(1), 0.0);
        assertTrue(radial.trainableShifts());
    }

    @Test
    void nnSequentialNamesThatDoNotDescribeARadnetNetworkAreRefusedNamingTheModules() throws IOException {
        Map<String, String> cases = Map.of(
                "\"0.weight\":" + W0 + ",\"0.bias\":" + B0 + ",\"1.weight\":" + W1 + ",\"1.bias\":" + B1,
                "modules 0 and 1 are adjacent Linear layers with no activation module between them",
                "\"0.weight\":" + W0 + ",\"2.weight\":" + W1 + ",\"2.bias\":" + B1,
                "0.bias is missing: the file has biases for 1 of its 2 layers, so every layer needs one",
                "\"0.weight\":" + W0 + ",\"0.bias\":" + B0 + ",\"2.weight\":" + W1 + ",\"2.bias\":" + B1
                        + ",\"3.bias\":[1]",
                "tensor '3.bias' has no 3.weight and lies between no two Linear layers (modules [0, 2])",
                "\"0.weight\":" + W0 + ",\"0.bias\":" + B0 + ",\"layers.1.weight\":" + W1 + ",\"layers.1.bias\":" + B1,
                "unexpected tensor 'layers.1.weight': the file uses nn.Sequential names",
                "\"layers.0.weight\":" + W0 + ",\"layers.0.bias\":" + B0 + ",\"2.weight\":" + W1 + ",\"2.bias\":" + B1,
                "unexpected tensor '2.weight': a radnet state dict holds only",
                "\"0.weight\":" + W0 + ",\"0.bias\":" + B0 + ",\"2.weight\":[[1,2],[3,4]],\"2.bias\":" + B1,
                "the widths do not chain: tensor '2.weight' has shape [2, 2], so takes 2 inputs, but 0.weight has 3 outputs",
                "\"0.weight\":" + W0 + ",\"0.bias\":" + B0 + ",\"1.bias\":[0.5,1],\"2.weight\":" + W1
                        + ",\"2.bias\":" + B1,
                "tensor '1.bias' must have shape [1], got [2]");
        int k = 0;
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Path file = plainJson("bad" + k++ + ".json", c.getKey());
            ModelFileException e = assertThrows(ModelFileException.class,
                    () -> ModelFiles.load(file, EJML, StateDict.Kind.RADIAL, "relu"));
            assertTrue(e.getMessage().startsWith(file + ": ") && e.getMessage().contains(c.getValue()), e.getMessage());
        }
    }

    @Test
    void aKindContradictingARadnetFileIsRefused() {
        Path file = dir.resolve("m.safetensors");
        ModelFiles.save(randomRadial(5, false), file);
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> ModelFiles.load(file, EJML, StateDict.Kind.MLP, null));
        assertEquals(file + ": the file holds a radial network but kind mlp was asked for; leave the kind out for "
                + "radnet files", e.getMessage());
        assertInstanceOf(RadialNetwork.class, ModelFiles.load(file, EJML, StateDict.Kind.RADIAL, null));
        assertEquals("unknown kind 'cnn'; accepted: radial, mlp",
                assertThrows(IllegalArgumentException.class, () -> StateDict.Kind.byName("cnn")).getMessage());
        assertEquals("unknown dtype 'f16'; accepted: f64, f32",
                assertThrows(IllegalArgumentException.class, () -> Dtype.byName("f16")).getMessage());
        assertEquals(Dtype.F32, Dtype.byName(" F32 "));
    }

    @Test
    void f32WritesHalfTheDataAndF64FilesCarryNoDtypeMetadata() throws IOException {
        RadialNetwork network = randomRadial(6, true);
        int parameters = network.parameters().size();
        Path f64 = dir.resolve("m64.safetensors");
        Path f32 = dir.resolve("m32.safetensors");
        ModelFiles.save(network, f64);
        ModelFiles.save(network, f32, Dtype.F32);
        long header64 = ByteBuffer.wrap(Files.readAllBytes(f64), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        long header32 = ByteBuffer.wrap(Files.readAllBytes(f32), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(8 + header64 + 8L * parameters, Files.size(f64));
        assertEquals(8 + header32 + 4L * parameters, Files.size(f32));
        assertFalse(ModelFiles.readTensors(f64).metadata().containsKey(Safetensors.DTYPE_KEY));
        String header = new String(Files.readAllBytes(f32), 8, (int) header32, StandardCharsets.UTF_8);
        assertFalse(header.contains("\"F64\""), header);

        TensorFile reread = ModelFiles.readTensors(f32);
        Path back = dir.resolve("back.safetensors");
        Safetensors.write(back, reread);
        assertFalse(ModelFiles.readTensors(back).metadata().containsKey(Safetensors.DTYPE_KEY),
                "an F64 file does not claim F32");
    }

    @Test
    void f32IsRefusedForJsonAndForValuesBeyondTheFloatRangeLeavingNoFile() {
        Path json = dir.resolve("m.json");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelFiles.save(randomRadial(7, false), json, Dtype.F32));
        assertEquals(json + ": a .json model holds doubles; f32 is written to .safetensors files only", e.getMessage());
        assertFalse(Files.exists(json));

        RadialNetwork huge = randomRadial(7, false);
        huge.parameters().weight(2).set(1, 2, 1e39);
        Path file = dir.resolve("huge.safetensors");
        e = assertThrows(IllegalArgumentException.class, () -> ModelFiles.save(huge, file, Dtype.F32));
        assertEquals("tensor 'layers.1.weight' has 1.0E39 at [1, 2], beyond the F32 range (±3.4028235E38); save it as F64",
                e.getMessage());
        assertFalse(Files.exists(file));
    }
}
