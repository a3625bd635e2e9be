package io.radnet.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.Tensor;
import io.radnet.core.activation.PointwiseActivations;
import io.radnet.core.io.HypernetworkFiles;
import io.radnet.core.io.RcnetFiles;
import io.radnet.core.network.EmbeddingNetwork;
import io.radnet.core.network.HyperNetwork;
import io.radnet.core.network.Mlp;
import io.radnet.core.network.Network;
import io.radnet.core.network.PrimaryArchitecture;
import io.radnet.core.network.RepeatedCompositionNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Model files of the networks built from other networks — hypernetworks, the embedding method,
 * RCNets — on every available backend: a network saved from a backend and loaded onto it holds
 * bitwise the same parameters and gives bitwise the same outputs, in safetensors and in JSON; and
 * the file's bytes are the ones the same seeded network on EJML writes, so a file moves between
 * backends unchanged.
 */
class NetworkFilesBackendsTest {
    @TempDir
    Path dir;

    private static final List<Function<Backend, Network>> NETWORKS = List.of(
            b -> new HyperNetwork(Mlp.initialized(b, new int[] {3, 6, 4 * 5 + 5 * 2 + 5 + 2},
                    PointwiseActivations.tanh(), 1), PrimaryArchitecture.of(new int[] {4, 5, 2},
                    PointwiseActivations.elu(0.5), true)),
            b -> new HyperNetwork(Mlp.initialized(b, new int[] {3, 4 * 5 + 5 * 2}, PointwiseActivations.relu(), 2),
                    PrimaryArchitecture.of(new int[] {4, 5, 2}, PointwiseActivations.relu(), false)),
            b -> new EmbeddingNetwork(4, Mlp.initialized(b, new int[] {3, 6, 3}, PointwiseActivations.tanh(), 3),
                    Mlp.initialized(b, new int[] {7, 5, 2}, PointwiseActivations.sigmoid(), 4)),
            b -> RepeatedCompositionNetwork.initialized(b, 7, new int[] {5, 4, 5}, 2, 3, PointwiseActivations.softplus(), 5));

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String backend : AvailableBackends.names().toList()) {
            for (int k = 0; k < NETWORKS.size(); k++) {
                for (String extension : List.of(".safetensors", ".json")) {
                    cases.add(Arguments.of(backend, k, extension));
                }
            }
        }
        return cases.stream();
    }

    private static void save(Network network, Path file) {
        if (network instanceof RepeatedCompositionNetwork rcnet) {
            RcnetFiles.save(rcnet, file);
        } else {
            HypernetworkFiles.save(network, file);
        }
    }

    private static Network load(Network like, Path file, Backend backend) {
        return like instanceof RepeatedCompositionNetwork ? RcnetFiles.load(file, backend)
                : HypernetworkFiles.load(file, backend);
    }

    @ParameterizedTest(name = "{0}: network {1} as {2}")
    @MethodSource("cases")
    void aNetworkSavedFromABackendLoadsBitwiseAndItsFileIsEjmls(String backendName, int which, String extension)
            throws IOException {
        Backend backend = Backends.get(backendName);
        Network network = NETWORKS.get(which).apply(backend);
        Path file = dir.resolve(backendName + extension);
        save(network, file);

        Network back = load(network, file, backend);
        assertEquals(backend, back.backend());
        assertArrayEquals(network.parameters().flatten(), back.parameters().flatten(), 0.0, "parameters");
        Tensor x = backend.fromRowMajor(8, network.inputWidth(),
                new SplittableRandom(9).doubles(8L * network.inputWidth(), -2, 2).toArray());
        assertArrayEquals(network.forward(x).toRowMajor(), back.forward(x).toRowMajor(), 0.0, "outputs");

        Path ejmlFile = dir.resolve("ejml-reference" + extension);
        save(NETWORKS.get(which).apply(Backends.get("ejml")), ejmlFile);
        assertArrayEquals(Files.readAllBytes(ejmlFile), Files.readAllBytes(file), "the file EJML writes");
    }
}
