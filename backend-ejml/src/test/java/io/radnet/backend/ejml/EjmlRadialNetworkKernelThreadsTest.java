package io.radnet.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.RadialProfile;
import io.radnet.api.Tensor;
import io.radnet.api.tck.RadialContract;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import org.ejml.concurrency.EjmlConcurrency;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * EJML's fused radial pass gives the same bits on one and on two threads: the forward output,
 * the weight, bias and shift gradients (overwritten and accumulated) and ∂L/∂x, on seeded data
 * with a partial last block, a sample of norm 0 (an irregular block) and shifts, and when the
 * helper is held by another caller.
 */
class EjmlRadialNetworkKernelThreadsTest {
    /** The profiles of the contract suite: pure functions, as the kernel requires. */
    private static final RadialProfile SIGMOID = RadialContract.SIGMOID;
    private static final RadialProfile SQUASH = RadialContract.SQUASH;

    private final EjmlBackend backend = (EjmlBackend) new EjmlBackendProvider().create();
    private int threadsBefore;

    @BeforeEach
    void rememberThreads() {
        threadsBefore = EjmlConcurrency.getMaxThreads();
    }

    @AfterEach
    void restoreThreads() {
        EjmlConcurrency.setMaxThreads(threadsBefore);
    }

    /** Everything one pass produces, in a fixed order, as raw values. */
    private List<double[]> pass(int[] widths, RadialProfile profile, int batch, long seed, int threads) {
        return passes(widths, profile, batch, seed, threads, 2);
    }

    /** {@link #pass} repeated: the input scaled by 1.5 after each round. */
    private List<double[]> passes(int[] widths, RadialProfile profile, int batch, long seed, int threads, int rounds) {
        EjmlConcurrency.setMaxThreads(threads);
        SplittableRandom random = new SplittableRandom(seed);
        int layers = widths.length - 1;
        List<RadialProfile> profiles = new ArrayList<>();
        List<Tensor> weights = new ArrayList<>();
        List<Tensor> biases = new ArrayList<>();
        List<Tensor> weightGradients = new ArrayList<>();
        List<Tensor> biasGradients = new ArrayList<>();
        for (int i = 1; i <= layers; i++) {
            weights.add(uniform(random, widths[i], widths[i - 1]));
            biases.add(uniform(random, widths[i], 1));
            weightGradients.add(backend.zeros(widths[i], widths[i - 1]));
            biasGradients.add(backend.zeros(widths[i], 1));
            if (i < layers) {
                profiles.add(profile);
            }
        }
        double[] shifts = new double[layers - 1];
        for (int i = 0; i < shifts.length; i++) {
            shifts[i] = random.nextDouble(-0.5, 0.5);
        }
        Tensor x = uniform(random, batch, widths[0]);
        for (int p = 0; p < widths[0]; p++) {
            x.set(batch / 3, p, 0.0);
        }
        backend.fill(biases.get(0), 0.0);
        Tensor dOutput = uniform(random, batch, widths[layers]);
        EjmlRadialNetworkKernel kernel = new EjmlRadialNetworkKernel(backend, widths, profiles, batch);
        Tensor out = backend.zeros(batch, widths[layers]);
        Tensor dInput = backend.zeros(batch, widths[0]);
        double[] shiftGradients = new double[layers - 1];
        List<double[]> results = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            kernel.forward(weights, biases, shifts, x, out);
            results.add(out.toRowMajor());
            kernel.backward(dOutput, weightGradients, biasGradients, false, shiftGradients, null);
            collect(results, weightGradients, biasGradients, shiftGradients);
            kernel.backward(dOutput, weightGradients, biasGradients, true, shiftGradients, dInput);
            collect(results, weightGradients, biasGradients, shiftGradients);
            results.add(dInput.toRowMajor());
            backend.scale(round % 2 == 0 ? 1.5 : 1 / 1.5, x, x);
        }
        return results;
    }

    private static void collect(List<double[]> results, List<Tensor> weightGradients, List<Tensor> biasGradients,
                                double[] shiftGradients) {
        for (Tensor t : weightGradients) {
            results.add(t.toRowMajor());
        }
        for (Tensor t : biasGradients) {
            results.add(t.toRowMajor());
        }
        results.add(shiftGradients.clone());
    }

    private Tensor uniform(SplittableRandom random, int rows, int cols) {
        double[] values = new double[rows * cols];
        for (int k = 0; k < values.length; k++) {
            values[k] = random.nextDouble(-1.0, 1.0);
        }
        return backend.fromRowMajor(rows, cols, values);
    }

    private static void assertSameBits(List<double[]> expected, List<double[]> actual, String what) {
        assertEquals(expected.size(), actual.size(), what + ": the number of results");
        for (int k = 0; k < expected.size(); k++) {
            assertArrayEquals(expected.get(k), actual.get(k), what + ": result " + k + " differs in its bits");
        }
    }

    private static boolean helperThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("radnet-ejml-helper") && t.isAlive());
    }

    @Test
    void twoThreadsGiveTheBitsOfOne() {
        int[][] widths = {{2, 3, 4, 5, 6, 2}, {3, 7, 2}, {2, 11, 13, 3, 1}, {4, 16, 9, 4}};
        int[] batches = {14_641, 5_000, 2_561, 3_000};
        RadialProfile[] profiles = {SIGMOID, SQUASH, SIGMOID, SQUASH};
        for (int c = 0; c < widths.length; c++) {
            String what = java.util.Arrays.toString(widths[c]) + ", batch " + batches[c];
            List<double[]> one = pass(widths[c], profiles[c], batches[c], 900 + c, 1);
            List<double[]> two = pass(widths[c], profiles[c], batches[c], 900 + c, 2);
            assertSameBits(one, two, what);
        }
        assertTrue(helperThreadAlive(), "the passes on two threads used the helper thread");
    }

    /**
     * Many passes, so that the caller also meets the helper's last blocks at every stage of
     * their publication (the helper publishing a block as it ends).
     */
    @Test
    void repeatedPassesOnTwoThreadsKeepTheBitsOfOne() {
        int[] widths = {2, 3, 4, 5, 6, 2};
        assertSameBits(passes(widths, SIGMOID, 14_641, 31, 1, 24), passes(widths, SIGMOID, 14_641, 31, 2, 24),
                "24 reduced passes");
    }

    @Test
    void aBusyHelperLeavesTheWorkToTheCallerWithTheSameBits() throws InterruptedException {
        int[] widths = {2, 3, 4, 5, 6, 2};
        List<double[]> one = pass(widths, SIGMOID, 4_000, 77, 1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch holding = new CountDownLatch(1);
        Runnable hold = () -> {
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        assertTrue(HelperThread.SHARED.tryStart(hold), "the helper is free before the test holds it");
        holding.await();
        try {
            assertFalse(HelperThread.SHARED.tryStart(() -> { }), "a held helper takes no second task");
            assertSameBits(one, pass(widths, SIGMOID, 4_000, 77, 2), "helper busy");
        } finally {
            release.countDown();
            HelperThread.SHARED.await();
        }
        assertSameBits(one, pass(widths, SIGMOID, 4_000, 77, 2), "helper free again");
    }

    @Test
    void theHelperRethrowsWhatItsTaskThrewAndStaysUsable() {
        assertTrue(HelperThread.SHARED.tryStart(() -> {
            throw new IllegalStateException("task failed");
        }));
        IllegalStateException thrown = assertThrows(IllegalStateException.class, HelperThread.SHARED::await);
        assertEquals("task failed", thrown.getMessage());
        double[] result = new double[1];
        assertTrue(HelperThread.SHARED.tryStart(() -> result[0] = 42.0));
        HelperThread.SHARED.await();
        assertEquals(42.0, result[0]);
    }
}
