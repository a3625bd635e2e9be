package io.radnet.backend.nd4j;

import io.radnet.api.Availability;
import io.radnet.api.Backend;
import io.radnet.api.BackendProvider;
import io.radnet.api.BackendUnavailableException;
import io.radnet.api.KernelCosts;
import io.radnet.api.QrFactors;
import io.radnet.api.QrMode;
import io.radnet.api.Tensor;
import io.radnet.api.Transpose;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Provides the native ND4J backend ({@code nd4j}): ND4J 1.0.0-M2.1 with its linux-x86_64
 * native library and the OpenBLAS it links against.
 *
 * <p>Constructing the provider and asking its name, priority or version load nothing.
 * {@link #probe()} loads ND4J's native code (the first time in a JVM it is unpacked to
 * JavaCPP's cache, {@code ~/.javacpp/cache}), runs a 1 × 1 product and a 1 × 1 QR through the same
 * native calls the backend uses, and checks a 160 × 160 QR, which goes through LAPACK's blocked code (some
 * OpenBLAS kernels get it wrong, see {@link #blockedQrProblem}); any failure becomes an
 * unavailable value with the reason and the fix.
 *
 * <p><b>Priority {@value #PRIORITY}</b>: below EJML's 10, so EJML stays the default for work
 * without a size and for small work; above JBLAS (6), so ND4J is the automatic choice when EJML
 * is absent. The size-aware default ({@code Backends.defaultBackendFor}) gives large work to ND4J
 * or JBLAS by their measured costs ({@link #kernelCosts()}). As measured in {@code docs/benchmarks.md} and
 * {@code docs/default-backend.md}: ND4J wins every single product and, with OpenBLAS on both
 * cores, QR-compress of large networks (the only backend under 0.68 s for (784, 2048³, 10)) and
 * the MLP epoch; its tensors live off the Java heap, so the memory-bound ops between products
 * are slower than on heap arrays, allocating a tensor costs more, and loading and checking ND4J
 * takes most of a second, which is why small work stays on EJML. It is the native backend that
 * needs nothing from the system.
 */
public final class Nd4jBackendProvider implements BackendProvider {
    /** The backend's name. */
    public static final String NAME = "nd4j";
    /** The automatic-selection priority: below EJML (10), above JBLAS (6); see the class doc. */
    public static final int PRIORITY = 7;

    /**
     * The CNN's cost, declared apart so that one measurement re-declares it: nanoseconds per entry of a
     * convolution's memory-bound passes ({@code ns per entry} of {@code bench/run kernel-costs}), 0.645 (JBLAS: 0.730),
     * from {@code bench/run kernel-costs --passes 3 --rounds 10} on a quiet machine (load average 0.2),
     * 2026-12-05 22:44–22:49 UTC, after the Winograd and batch-norm work on both backends' passes. It
     * alone decides the CNN's pick between ND4J and JBLAS (the products and calls nearly tie).
     */
    static final double CNN_ENTRY = 0.645;
    /** See {@link #kernelCosts()}. */
    private static final KernelCosts COSTS = new KernelCosts(40_233, 0.0426, 0.0496, 0.0522, CNN_ENTRY, 25_432, 0.879);
    /** See {@link #kernelCosts(int)}. */
    private static final KernelCosts ALL_CORES_COSTS = new KernelCosts(40_233, 0.0426, 0.0440, 0.0348, CNN_ENTRY, 91_337, 0.879);
    private static final String ND4J_POM_PROPERTIES = "META-INF/maven/org.nd4j/nd4j-native/pom.properties";

    /**
     * The outcome of loading and checking the native code, once per JVM: a failed load cannot
     * be retried, and OpenBLAS fixes its kernels when it loads.
     */
    private static volatile Availability nativeChecks;

    /** Creates the provider; does nothing else (no class of ND4J is loaded). */
    public Nd4jBackendProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /** @return {@value #PRIORITY}; see the class documentation for the reasoning */
    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public boolean isNative() {
        return true;
    }

    /**
     * @return ND4J's version, from its jar's Maven metadata, and the version of the OpenBLAS
     *     it is built against (a compile-time constant), e.g. {@code 1.0.0-M2.1 (OpenBLAS 0.3.19)};
     *     loads no native code
     */
    @Override
    public String libraryVersion() {
        return nd4jVersion() + " (" + openblas_nolapack.OPENBLAS_VERSION.trim() + ")";
    }

    private static String nd4jVersion() {
        try (InputStream in = Nd4jBackendProvider.class.getClassLoader().getResourceAsStream(ND4J_POM_PROPERTIES)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String version = p.getProperty("version");
                if (version != null && !version.isBlank()) {
                    return version.trim();
                }
            }
        } catch (IOException e) {
            // fall through: the version is informational
        }
        return "unknown version";
    }

    /**
     * Loads ND4J's native code and checks a 1 × 1 product, a 1 × 1 QR and a 160 × 160 QR
     * (once per JVM; later calls return the first result). Never throws.
     *
     * @return available, or unavailable with the reason (wrong platform, or the loading error)
     */
    @Override
    public Availability probe() {
        String os = System.getProperty("os.name", "?");
        String arch = System.getProperty("os.arch", "?");
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux")
                || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return Availability.unavailable("ND4J's native library is bundled for linux-x86_64 only, and this is "
                    + os + " on " + arch + "; use the ejml backend");
        }
        Availability result = nativeChecks;
        if (result == null) {
            synchronized (Nd4jBackendProvider.class) {
                if (nativeChecks == null) {
                    nativeChecks = runNativeChecks();
                }
                result = nativeChecks;
            }
        }
        return result;
    }

    private static Availability runNativeChecks() {
        try {
            selfTest();
            String wrongQr = blockedQrProblem(new Nd4jBackend());
            return wrongQr == null ? Availability.available() : Availability.unavailable(wrongQr);
        } catch (RuntimeException | LinkageError e) {
            return Availability.unavailable("ND4J's native code failed to load: " + describe(e)
                    + " (JavaCPP unpacks it to ~/.javacpp/cache, which must be writable; set "
                    + "-Dorg.bytedeco.javacpp.cachedir=DIR to use another directory)", e);
        }
    }

    /** Runs the native calls the backend depends on, on 1 × 1 inputs, and checks the results. */
    private static void selfTest() {
        INDArray a = Nd4j.create(DataType.DOUBLE, new long[] {1, 1}, 'f').assign(3.0);
        INDArray b = Nd4j.create(DataType.DOUBLE, new long[] {1, 1}, 'f').assign(-2.0);
        INDArray c = Nd4j.create(DataType.DOUBLE, new long[] {1, 1}, 'f');
        openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasColMajor, openblas_nolapack.CblasNoTrans,
                openblas_nolapack.CblasNoTrans, 1, 1, 1, 1.0, (DoublePointer) a.data().addressPointer(), 1,
                (DoublePointer) b.data().addressPointer(), 1, 0.0, (DoublePointer) c.data().addressPointer(), 1);
        if (c.getDouble(0, 0) != -6.0) {
            throw new IllegalStateException("OpenBLAS computed 3 × (−2) = " + c.getDouble(0, 0));
        }
        try (DoublePointer tau = new DoublePointer(1)) {
            int info = openblas.LAPACKE_dgeqrf(openblas.LAPACK_COL_MAJOR, 1, 1,
                    (DoublePointer) c.data().addressPointer(), 1, tau);
            if (info != 0 || Math.abs(c.getDouble(0, 0)) != 6.0) {
                throw new IllegalStateException("LAPACK dgeqrf of [−6] gave info " + info + ", R = " + c.getDouble(0, 0));
            }
        }
    }

    /** The order of the QR check: above LAPACK's crossover (128) to its blocked code. */
    static final int QR_CHECK_ORDER = 160;

    /**
     * Checks that LAPACK's blocked QR gives orthogonal factors that reproduce their input. With
     * {@code OPENBLAS_CORETYPE=SkylakeX} on AMD Zen 4, ND4J's OpenBLAS 0.3.19 passes GEMM but
     * returns garbage from {@code dgeqrf}/{@code dorgqr} from about 160 × 160 up
     * (‖QᵀQ − I‖ ≈ 17); its Haswell kernels are correct.
     *
     * @param backend a backend whose QR to check
     * @return null if the factors are right, else the reason and the fix
     */
    static String blockedQrProblem(Backend backend) {
        int n = QR_CHECK_ORDER;
        double[] entries = new double[n * n];
        long state = 0x9E3779B97F4A7C15L;
        for (int p = 0; p < entries.length; p++) {
            state = state * 6364136223846793005L + 1442695040888963407L;
            entries[p] = ((state >>> 11) * 0x1.0p-53) * 2.0 - 1.0;
        }
        Tensor a = backend.fromRowMajor(n, n, entries);
        QrFactors f = backend.qr(a, QrMode.ECONOMY);
        Tensor qtq = backend.matmul(f.q(), Transpose.TRANSPOSED, f.q(), Transpose.NONE);
        backend.subtract(qtq, backend.identity(n), qtq);
        Tensor residual = backend.matmul(f.q(), f.r());
        backend.subtract(residual, a, residual);
        double orthogonality = backend.norm(qtq);
        double reconstruction = backend.norm(residual) / backend.norm(a);
        if (orthogonality <= 1e-10 && reconstruction <= 1e-10) {
            return null;
        }
        String coreType = System.getenv("OPENBLAS_CORETYPE");
        return String.format(Locale.ROOT, "ND4J's OpenBLAS computes wrong QR factors on this CPU (for a %d × %d matrix"
                + " ‖QᵀQ − I‖ = %.3g, ‖QR − A‖/‖A‖ = %.3g) with %s; set OPENBLAS_CORETYPE=Haswell", n, n,
                orthogonality, reconstruction, coreType == null || coreType.isBlank()
                        ? "the kernels it chose for this CPU" : "OPENBLAS_CORETYPE=" + coreType);
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /**
     * @return a new ND4J backend; tensors of different instances do not mix
     * @throws BackendUnavailableException if {@link #probe()} says unavailable
     */
    @Override
    public Backend create() {
        Availability availability = probe();
        if (!availability.isAvailable()) {
            throw new BackendUnavailableException(NAME, availability);
        }
        return new Nd4jBackend();
    }

    /**
     * ND4J's measured costs for the size-aware default, on one thread: 40,233 ns per 64 × 64
     * tensor allocated, 0.0426 ns per multiply-add of a 256³ product, 0.0496 ns per QR-compress
     * multiply-add of (784, 1024³, 10) and 0.0522 ns of (784, 2048³, 10), 25,432 ns per product
     * call beyond its multiply-adds (a 64 × 784 by 784 × 29 product), 0.879 ns per entry of dense
     * layers' passes, from {@code bench/run kernel-costs --passes 3 --rounds 10} (module
     * {@code bench}), 2026-12-05 20:23–20:35 UTC, 2 vCPUs of an AMD EPYC with AVX-512 shared with
     * other jobs (load average 12–15): the measuring thread's CPU time, the least over three passes
     * interleaved with the other backends' (see {@code docs/default-backend.md}); per convolution
     * entry {@link #CNN_ENTRY}. Off-heap allocation through native calls makes every tensor cost
     * about sixteen times a heap array's (JBLAS: 2,573 ns), which dominates work of few, small steps
     * (a hypernetwork step); its products cost what JBLAS's do per multiply-add (0.0436 ns) and
     * less per call (JBLAS copies its operands: 47,269 ns); its QR-compress costs 1.15× JBLAS's on
     * the 1024-wide network (0.0433 ns) and 1.08× on the 2048-wide one (0.0482 ns); its passes over
     * a dense layer's small tensors, on off-heap buffers, 1.79× JBLAS's (0.491 ns per entry).
     *
     * @return those costs
     */
    @Override
    public Optional<KernelCosts> kernelCosts() {
        return Optional.of(COSTS);
    }

    /**
     * On two threads or more, ND4J's costs on all cores: 91,337 ns per product call and 0.0440 ns
     * per QR-compress multiply-add of (784, 1024³, 10), 0.0348 ns of (784, 2048³, 10) (its OpenBLAS
     * runs products from about 2.6·10⁵ multiply-adds and the QR's blocked updates on every core;
     * JBLAS: 21,508 ns, 0.0419 and 0.0370 ns), from {@code bench/run kernel-costs --backend
     * nd4j,jblas --passes 2 --rounds 6 --threads all}, 2026-12-05 20:35–20:39 UTC at a load average
     * of 14: the QR-compress by the measuring thread's CPU time (its own share of the work and its
     * waiting for the others, the operation's critical path on an idle machine), the product call by
     * the process's CPU time (every thread's: OpenBLAS's helper threads spin, partly in
     * {@code sched_yield}, for a small product that does not finish sooner on two threads, which is
     * why a run of many small products on ND4J costs twice JBLAS's CPU time and more wall time). The
     * other costs are the one-thread ones of {@link #kernelCosts()}.
     *
     * @param threads the threads the backend may use, ≥ 1
     * @return those costs
     */
    @Override
    public Optional<KernelCosts> kernelCosts(int threads) {
        return Optional.of(threads > 1 ? ALL_CORES_COSTS : COSTS);
    }
}
