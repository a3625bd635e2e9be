package io.radnet.core.optim;

import io.radnet.api.Backend;
import io.radnet.core.io.CheckpointLayout;
import io.radnet.core.io.ModelFileException;
import io.radnet.core.io.ModelFiles;
import io.radnet.core.io.NamedTensor;
import io.radnet.core.io.Safetensors;
import io.radnet.core.io.StateDict;
import io.radnet.core.io.TensorFile;
import io.radnet.core.network.FeedForwardNetwork;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Training checkpoints ({@link TrainingCheckpoint}) as safetensors files: a radnet model file
 * (loadable by any safetensors reader, its model tensors named as {@link StateDict} names them)
 * plus the optimizer's buffers, the histories and the run's counters, all stored exactly (F64).
 *
 * <p>Layout. Tensors: the model's ({@code layers.{i}.weight}, {@code layers.{i}.bias},
 * optional {@code act_fns.{i}.bias}) holding θ_e; {@code optimizer.{buffer}} of shape [P] for
 * every optimizer buffer (P the number of parameters; e.g. {@code optimizer.m},
 * {@code optimizer.v} for Adam; see {@link OptimizerState}); {@code history.losses} [e];
 * {@code history.validation_losses} [e] and {@code history.validation_accuracies} [e] when
 * present; {@code best.parameters} [P] with early stopping. Metadata (strings): the model's
 * ({@code format}, {@code kind}, {@code widths}, {@code activation}, {@code trainable_shifts}),
 * {@value CheckpointLayout#VERSION_KEY}{@code =}{@value CheckpointLayout#VERSION}, {@code epoch}, {@code seed},
 * {@code batch_size}, {@code samples}, {@code shuffle}, {@code permutations},
 * {@code optimizer} (the class name), {@code optimizer_settings}, {@code optimizer_steps},
 * {@code best_epoch}, and the caller's own keys prefixed {@value CheckpointLayout#RUN_PREFIX}.
 *
 * <p>{@link ModelFiles#load} reads a checkpoint's model (ignoring the training state), so a
 * checkpoint can be evaluated, inspected or compressed as a model file.
 *
 * <p>Reading validates the safetensors structure ({@link Safetensors#read}), the version, every
 * counter, the model ({@link StateDict#toNetwork}) and the agreement of the parts
 * ({@link TrainingCheckpoint}'s checks); any failure is one {@link ModelFileException} naming the
 * file and the problem. Writing is atomic.
 */
public final class CheckpointFiles {
    /** The prefix of the caller's metadata keys. */
    public static final String RUN_PREFIX = CheckpointLayout.RUN_PREFIX;

    private CheckpointFiles() {
    }

    /**
     * A checkpoint file's content.
     *
     * @param network the model after the checkpoint's epoch
     * @param checkpoint the training state
     * @param run the caller's metadata, without the {@value #RUN_PREFIX} prefix
     */
    public record Content(FeedForwardNetwork network, TrainingCheckpoint checkpoint, Map<String, String> run) {
        /** Copies the caller's metadata. */
        public Content {
            Objects.requireNonNull(network, "network");
            Objects.requireNonNull(checkpoint, "checkpoint");
            run = Collections.unmodifiableMap(new LinkedHashMap<>(run));
        }
    }

    /**
     * Writes a checkpoint atomically.
     *
     * @param file the {@code .safetensors} file to create or replace
     * @param network the network trained, holding exactly the checkpoint's parameters (its
     *     architecture goes into the file)
     * @param checkpoint the training state
     * @param run the caller's metadata (e.g. the loss's name), stored under {@value #RUN_PREFIX}
     * @throws IllegalArgumentException if the network does not hold the checkpoint's parameters
     *     or cannot be described as a model file
     * @throws java.io.UncheckedIOException naming the file when it cannot be written (an
     *     existing file is then unchanged)
     */
    public static void write(Path file, FeedForwardNetwork network, TrainingCheckpoint checkpoint, Map<String, String> run) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(run, "run");
        double[] parameters = checkpoint.parameters();
        if (!Arrays.equals(network.parameters().flatten(), parameters)) {
            throw new IllegalArgumentException("the network " + network + " does not hold the parameters of the checkpoint"
                    + " after epoch " + checkpoint.epoch());
        }
        TensorFile model = StateDict.fromNetwork(network);
        Map<String, String> metadata = new LinkedHashMap<>(model.metadata());
        OptimizerState optimizer = checkpoint.optimizer();
        metadata.put(CheckpointLayout.VERSION_KEY, CheckpointLayout.VERSION);
        metadata.put("epoch", Integer.toString(checkpoint.epoch()));
        metadata.put("seed", Long.toString(checkpoint.seed()));
        metadata.put("batch_size", Integer.toString(checkpoint.batchSize()));
        metadata.put("samples", Integer.toString(checkpoint.samples()));
        metadata.put("shuffle", Boolean.toString(checkpoint.shuffle()));
        metadata.put("permutations", Long.toString(checkpoint.permutationsDrawn()));
        metadata.put("optimizer", optimizer.kind());
        metadata.put("optimizer_settings", optimizer.settings());
        metadata.put("optimizer_steps", Integer.toString(optimizer.steps()));
        metadata.put("best_epoch", Integer.toString(checkpoint.bestEpoch()));
        run.forEach((key, value) -> metadata.put(RUN_PREFIX + key, value));
        List<NamedTensor> tensors = new ArrayList<>(model.tensors());
        optimizer.buffers().forEach((name, values) -> tensors.add(vector(CheckpointLayout.OPTIMIZER_PREFIX + name, values)));
        tensors.add(vector(CheckpointLayout.LOSSES, checkpoint.losses()));
        if (checkpoint.validationLosses().length > 0) {
            tensors.add(vector(CheckpointLayout.VALIDATION_LOSSES, checkpoint.validationLosses()));
        }
        if (checkpoint.validationAccuracies().length > 0) {
            tensors.add(vector(CheckpointLayout.VALIDATION_ACCURACIES, checkpoint.validationAccuracies()));
        }
        if (checkpoint.bestParameters() != null) {
            tensors.add(vector(CheckpointLayout.BEST, checkpoint.bestParameters()));
        }
        Safetensors.write(file, new TensorFile(metadata, tensors));
    }

    private static NamedTensor vector(String name, double[] values) {
        return new NamedTensor(name, new int[] {values.length}, values);
    }

    /**
     * Reads and validates a checkpoint.
     *
     * @param file a file written by {@link #write}
     * @param backend the backend to hold the network's parameters
     * @return the network, the training state and the caller's metadata
     * @throws ModelFileException naming the file and the problem if it is not a valid safetensors
     *     file, not a checkpoint of this layout version, or its parts disagree
     */
    public static Content read(Path file, Backend backend) {
        Objects.requireNonNull(backend, "backend");
        TensorFile content = Safetensors.read(file);
        Map<String, String> metadata = content.metadata();
        String version = metadata.get(CheckpointLayout.VERSION_KEY);
        if (version == null) {
            throw new ModelFileException(file + ": not a radnet training checkpoint (its metadata has no '" + CheckpointLayout.VERSION_KEY
                    + "' key)");
        }
        if (!version.equals(CheckpointLayout.VERSION)) {
            throw new ModelFileException(file + ": a checkpoint of layout '" + version + "', this radnet reads '" + CheckpointLayout.VERSION
                    + "'");
        }
        List<NamedTensor> model = new ArrayList<>();
        Map<String, double[]> buffers = new LinkedHashMap<>();
        Map<String, double[]> state = new LinkedHashMap<>();
        for (NamedTensor tensor : content.tensors()) {
            String name = tensor.name();
            if (name.startsWith(CheckpointLayout.OPTIMIZER_PREFIX)) {
                buffers.put(name.substring(CheckpointLayout.OPTIMIZER_PREFIX.length()), vectorValues(file, tensor));
            } else if (CheckpointLayout.isTrainingState(name)) {
                state.put(name, vectorValues(file, tensor));
            } else {
                model.add(tensor);
            }
        }
        try {
            FeedForwardNetwork network = StateDict.toNetwork(new TensorFile(metadata, model), backend, null, null);
            OptimizerState optimizer = new OptimizerState(required(metadata, "optimizer"),
                    required(metadata, "optimizer_settings"), (int) number(metadata, "optimizer_steps", Integer.MAX_VALUE),
                    buffers);
            double[] losses = state.get(CheckpointLayout.LOSSES);
            if (losses == null) {
                throw new IllegalArgumentException("the tensor " + CheckpointLayout.LOSSES + " is missing");
            }
            String shuffle = required(metadata, "shuffle");
            if (!shuffle.equals("true") && !shuffle.equals("false")) {
                throw new IllegalArgumentException("metadata shuffle must be true or false, got '" + shuffle + "'");
            }
            TrainingCheckpoint checkpoint = new TrainingCheckpoint((int) number(metadata, "epoch", Integer.MAX_VALUE),
                    signedNumber(metadata, "seed"), (int) number(metadata, "batch_size", Integer.MAX_VALUE),
                    (int) number(metadata, "samples", Integer.MAX_VALUE), shuffle.equals("true"),
                    number(metadata, "permutations", Long.MAX_VALUE), network.parameters().flatten(), optimizer, losses,
                    state.getOrDefault(CheckpointLayout.VALIDATION_LOSSES, new double[0]),
                    state.getOrDefault(CheckpointLayout.VALIDATION_ACCURACIES, new double[0]),
                    (int) number(metadata, "best_epoch", Integer.MAX_VALUE), state.get(CheckpointLayout.BEST));
            Map<String, String> run = new LinkedHashMap<>();
            metadata.forEach((key, value) -> {
                if (key.startsWith(RUN_PREFIX)) {
                    run.put(key.substring(RUN_PREFIX.length()), value);
                }
            });
            return new Content(network, checkpoint, run);
        } catch (ModelFileException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file + ": not a valid checkpoint: " + e.getMessage(), e);
        }
    }

    private static double[] vectorValues(Path file, NamedTensor tensor) {
        if (tensor.rank() != 1) {
            throw new ModelFileException(file + ": the checkpoint tensor '" + tensor.name() + "' has shape "
                    + Arrays.toString(tensor.shape()) + ", expected one dimension");
        }
        return tensor.values();
    }

    private static String required(Map<String, String> metadata, String key) {
        String value = metadata.get(key);
        if (value == null) {
            throw new IllegalArgumentException("the metadata key '" + key + "' is missing");
        }
        return value;
    }

    private static long number(Map<String, String> metadata, String key, long max) {
        long value = signedNumber(metadata, key);
        if (value < 0 || value > max) {
            throw new IllegalArgumentException("metadata " + key + " must be in 0.." + max + ", got " + value);
        }
        return value;
    }

    private static long signedNumber(Map<String, String> metadata, String key) {
        String text = required(metadata, key);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("metadata " + key + " must be an integer, got '" + text + "'", e);
        }
    }
}
