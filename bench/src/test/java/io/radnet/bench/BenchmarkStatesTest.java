package io.radnet.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.Workload;
import io.radnet.api.QrMode;
import io.radnet.api.Tensor;
import io.radnet.core.data.Datasets;
import io.radnet.core.optim.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Every benchmark's state sets up, verifies against EJML and runs once on every available
 * backend at small sizes, as JMH would call it; so a broken benchmark fails the build, not the
 * nightly run. (Timing belongs to JMH, not to this test.)
 */
class BenchmarkStatesTest {
    static Stream<String> backends() {
        return Backends.available().stream().map(Backend::name);
    }

    private static <S extends BackendState> S onBackend(S state, String backend) {
        state.backend = backend;
        state.threads = "1";
        return state;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void gemm(String backend) {
        GemmBenchmark.Operands operands = onBackend(new GemmBenchmark.Operands(), backend);
        operands.size = 16;
        operands.setUpTrial();
        Tensor c = new GemmBenchmark().product(operands);
        assertEquals(16, c.rows());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void qrCompleteAndEconomyOnTallMatrices(String backend) {
        for (QrMode mode : QrMode.values()) {
            QrBenchmark.Factorization factorization = onBackend(new QrBenchmark.Factorization(), backend);
            factorization.shape = "24x8";
            factorization.mode = mode;
            factorization.setUpTrial();
            new QrBenchmark().factorize(factorization, blackhole());
            assertEquals(mode == QrMode.COMPLETE ? 24 : 8, factorization.q.cols());
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void qrCompressOfTheExperiment3Network(String backend) {
        QrCompressBenchmark.Network network = onBackend(new QrCompressBenchmark.Network(), backend);
        network.widths = "2-16-64-128-16-2";
        network.setUpTrial();
        assertTrue(new QrCompressBenchmark().compress(network).reduced());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void trainingStepsOfTheReducedExperiment3NetworkAndAnMlpLowerTheLoss(String backend) {
        TrainingStepBenchmark.Experiment3 experiment3 = onBackend(new TrainingStepBenchmark.Experiment3(), backend);
        experiment3.network = "reduced";
        experiment3.setUpTrial();
        TrainingStepBenchmark benchmark = new TrainingStepBenchmark();
        assertLossFalls("experiment-3 loss", () -> benchmark.radialExperiment3(experiment3));

        TrainingStepBenchmark.MlpBatch mlp = onBackend(new TrainingStepBenchmark.MlpBatch(), backend);
        mlp.batch = 64;
        mlp.setUpTrial();
        assertLossFalls("MLP loss", () -> benchmark.mlp(mlp));
    }

    /** Runs 21 steps and checks that the loss before the last is below the loss before the first. */
    private static void assertLossFalls(String what, DoubleSupplier step) {
        double first = step.getAsDouble();
        double later = first;
        for (int k = 0; k < 20; k++) {
            later = step.getAsDouble();
        }
        assertTrue(later < first, what + " " + first + " → " + later);
    }

    static Stream<String> backendsAndTheDefault() {
        return Stream.concat(Stream.of(BackendState.DEFAULT), backends());
    }

    @ParameterizedTest
    @MethodSource("backendsAndTheDefault")
    void theFitnessWorkloadsTrainAnEpochAtASmallSize(String backend) {
        FitnessBenchmark benchmark = new FitnessBenchmark();
        FitnessBenchmark.MlpEpoch mlp = onBackend(new FitnessBenchmark.MlpEpoch(), backend);
        mlp.samples = 130;
        mlp.setUpTrial();
        assertEquals(BackendState.DEFAULT.equals(backend)
                ? Backends.defaultBackendFor(Workload.networkPasses(new int[] {784, 256, 256, 10}, 64).withSteps(3)).name()
                : backend, mlp.backend().name(), "the default is the size-aware choice for the MLP epoch: 130 samples, 3 steps");
        assertEquals(1, benchmark.mlpEpoch(mlp).epochs());

        FitnessBenchmark.RcnetEpoch rcnet = onBackend(new FitnessBenchmark.RcnetEpoch(), backend);
        rcnet.samples = 500;
        rcnet.setUpTrial();
        double first = benchmark.rcnetEpoch(rcnet).lossHistory()[0];
        double later = first;
        for (int k = 0; k < 5; k++) {
            later = benchmark.rcnetEpoch(rcnet).lossHistory()[0];
        }
        assertTrue(later < first, "RCNet loss " + first + " → " + later);

        FitnessBenchmark.HypernetworkBatch hyper = onBackend(new FitnessBenchmark.HypernetworkBatch(), backend);
        hyper.setUpTrial();
        assertTrue(Double.isFinite(benchmark.hypernetworkStep(hyper).lossHistory()[0]));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void theCnnStepTrainsOnTheFirstFashionMnistImages(String backend) {
        boolean installed = Files.isRegularFile(Path.of(Datasets.DEBIAN_FASHION_MNIST, "train-images-idx3-ubyte.gz"));
        if ("1".equals(System.getenv("RADNET_REQUIRE_FASHION_MNIST"))) {
            assertTrue(installed, "RADNET_REQUIRE_FASHION_MNIST=1 but Fashion-MNIST is not in "
                    + Datasets.DEBIAN_FASHION_MNIST + " (install dataset-fashion-mnist)");
        }
        assumeTrue(installed, "Fashion-MNIST is not installed");
        FitnessBenchmark.CnnBatch cnn = onBackend(new FitnessBenchmark.CnnBatch(), backend);
        cnn.batch = 12;
        cnn.setUpTrial();
        TrainingResult step = new FitnessBenchmark().cnnStep(cnn);
        assertEquals(1, step.epochs());
        assertEquals(12, cnn.setupOn(cnn.backend()).data().size(), "one batch of the first 12 images: one step");
        double loss = step.lossHistory()[0];
        assertTrue(loss > 1.5 && loss < 3.5, "cross-entropy of an untrained 10-class network near ln 10: " + loss);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void theCrossoverSweepsRunAndTheirStepsLowerTheLoss(String backend) {
        CrossoverBenchmark benchmark = new CrossoverBenchmark();
        CrossoverBenchmark.MlpStep mlp = onBackend(new CrossoverBenchmark.MlpStep(), backend);
        mlp.width = 8;
        mlp.setUpTrial();
        assertLossFalls("MLP loss", () -> benchmark.mlpStep(mlp));

        CrossoverBenchmark.RadialStep radial = onBackend(new CrossoverBenchmark.RadialStep(), backend);
        radial.network = "reduced";
        radial.batch = 441;
        radial.setUpTrial();
        assertLossFalls("radial loss", () -> benchmark.radialStep(radial));

        CrossoverBenchmark.CompressSweep compress = onBackend(new CrossoverBenchmark.CompressSweep(), backend);
        compress.width = 8;
        compress.setUpTrial();
        assertArrayEquals(new int[] {8, 8, 8, 8, 10}, benchmark.compress(compress).reducedWidths(),
                "(8, 8, 8, 8, 10) is already reduced: n^red_i = min(n_i, n^red_{i−1} + 1)");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aResultThatDisagreesWithEjmlStopsTheTrial(String backend) {
        GemmBenchmark.Operands operands = onBackend(new GemmBenchmark.Operands(), backend);
        operands.size = 4;
        operands.setUpTrial();
        Tensor wrong = operands.backend().copyOf(operands.c);
        wrong.set(1, 2, wrong.get(1, 2) + 1e-6);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> operands.requireAgreement("A·B", wrong, operands.c, 1e-12));
        assertTrue(e.getMessage().contains("differs from EJML's"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void threadLimitsAreParsedAndSetTheBackendsThreads(String backend) {
        assertEquals(1, ThreadLimit.parse("1"));
        assertEquals(Runtime.getRuntime().availableProcessors(), ThreadLimit.parse("all"));
        assertThrows(IllegalArgumentException.class, () -> ThreadLimit.parse("0"));
        assertThrows(IllegalArgumentException.class, () -> ThreadLimit.parse("many"));
        ThreadLimit.apply(backend, 2);
        assertEquals(backend.equals("jblas") ? 1 : 2, Backends.get(backend).threads(),
                backend + " (jblas computes on the calling thread whatever the limit)");
        ThreadLimit.apply(backend, 1);
        assertEquals(1, Backends.get(backend).threads(), backend);
    }

    private static Blackhole blackhole() {
        return new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
    }
}
