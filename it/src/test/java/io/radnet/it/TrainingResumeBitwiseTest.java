package io.radnet.it;

import static io.radnet.it.InProcessRadnet.radnet;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code radnet train --checkpoint} then {@code --resume} continues bitwise: on every available
 * backend and for every optimizer of the command line, 6 epochs in one run and 3 + 3 epochs
 * through a checkpoint write byte-identical model files and the same loss histories. Minibatches
 * of 16 of 40 training samples (a partial last batch, shuffled every epoch), a validation split
 * and early stopping, so every part of a checkpoint is exercised.
 */
class TrainingResumeBitwiseTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static Stream<Arguments> backendsAndOptimizers() {
        List<Arguments> cases = new ArrayList<>();
        AvailableBackends.names().forEach(backend -> {
            for (String optimizer : List.of("gd", "sgd", "momentum", "adam", "radam", "adadelta")) {
                cases.add(Arguments.of(backend, optimizer));
            }
        });
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("backendsAndOptimizers")
    void sixEpochsStraightAndThreePlusThreeResumedWriteTheSameBytes(String backend, String optimizer) throws IOException {
        Path model = dir.resolve("model.safetensors");
        radnet("init", "--widths", "2,6,5,2", "--shift", 0.1, "--seed", 2, "-o", model);
        SplittableRandom random = new SplittableRandom(9);
        StringBuilder s = new StringBuilder("x1,x2,y1,y2\n");
        for (int r = 0; r < 50; r++) {
            double a = random.nextDouble(-3, 3);
            double b = random.nextDouble(-3, 3);
            s.append(a).append(',').append(b).append(',').append(Math.tanh(a * b)).append(',').append(Math.sin(a)).append('\n');
        }
        Path data = dir.resolve("data.csv");
        Files.writeString(data, s);
        List<Object> common = List.of("--data", data, "--optimizer", optimizer, "--batch", 16, "--seed", 5, "--validation",
                0.2, "--early-stop", 4, "--backend", backend, "--json");

        Path straight = dir.resolve("straight.safetensors");
        JsonNode whole = JSON.readTree(radnet(args(List.of("train", model, "--epochs", 6, "-o", straight), common)));
        Path checkpoint = dir.resolve("ck.safetensors");
        radnet(args(List.of("train", model, "--epochs", 3, "-o", dir.resolve("first.safetensors"), "--checkpoint",
                checkpoint), common));
        Path resumed = dir.resolve("resumed.safetensors");
        JsonNode rest = JSON.readTree(radnet(args(List.of("train", model, "--epochs", 6, "-o", resumed, "--resume",
                checkpoint), common)));

        assertArrayEquals(Files.readAllBytes(straight), Files.readAllBytes(resumed), "the model files' bytes");
        assertEquals(whole.get("losses"), rest.get("losses"));
        assertEquals(whole.get("validationLosses"), rest.get("validationLosses"));
        assertEquals(whole.get("epochs"), rest.get("epochs"));
        assertEquals(whole.get("modelEpoch"), rest.get("modelEpoch"));
    }

    private static Object[] args(List<Object> head, List<Object> tail) {
        List<Object> all = new ArrayList<>(head);
        all.addAll(tail);
        return all.toArray();
    }
}
