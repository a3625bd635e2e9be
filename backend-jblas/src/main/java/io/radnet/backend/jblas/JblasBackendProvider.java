package io.radnet.backend.jblas;

import io.radnet.api.Availability;
import io.radnet.api.Backend;
import io.radnet.api.BackendProvider;
import io.radnet.api.BackendUnavailableException;
import io.radnet.api.KernelCosts;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.jblas.NativeBlas;
import org.jblas.util.Logger;

/**
 * Provides the native JBLAS backend ({@code jblas}): jblas 1.2.5 with its bundled OpenBLAS and
 * LAPACK. On Linux its native library needs the system's {@code libgfortran.so.5} (Debian and
 * Ubuntu package {@code libgfortran5}).
 *
 * <p>Constructing the provider and asking its name, priority or version load nothing.
 * {@link #probe()} first looks for {@code libgfortran.so.5} where the dynamic linker would
 * ({@code LD_LIBRARY_PATH}, {@code /etc/ld.so.cache}, the default library directories); when it
 * is missing the backend is unavailable with exactly the reason {@value #LIBGFORTRAN_MISSING},
 * and jblas is never touched (jblas itself would print an error on standard error and fail
 * later with a bare {@link UnsatisfiedLinkError}). Otherwise the probe forces jblas's native
 * load and runs a 1 × 1 product and a 1 × 1 QR; any failure becomes an unavailable value with
 * the error as its cause. Before loading, the probe sets jblas's own logger to warnings and
 * errors only, so that jblas's routine messages (it announces on standard error every temporary
 * file it deletes when the JVM exits) stay quiet; that is the only jblas setting it changes.
 *
 * <p><b>Priority {@value #PRIORITY}</b>: below EJML's 10 and ND4J's 7, so JBLAS runs when chosen
 * by name ({@code -Dradnet.backend=jblas}, {@code RADNET_BACKEND=jblas}, or a command's
 * {@code --backend jblas}) or when ND4J cannot load. As measured in
 * {@code docs/native-backends.md} and {@code docs/benchmarks.md}: JBLAS keeps tensors on the
 * Java heap, so the memory-bound ops between products are as fast as EJML's and allocation is
 * cheap, and its QR is as fast as ND4J's on one core; its OpenBLAS is built single-threaded and is
 * not safe for concurrent callers, so every product and QR runs on one core
 * ({@link JblasBackend#threads()} is 1, its costs are the same on any thread count), and on all
 * cores ND4J's large products and QR-compress are ahead. The size-aware default picks between the
 * two by their measured costs ({@link #kernelCosts()}). It needs {@code libgfortran5}; without it the
 * automatic choice skips it.
 */
public final class JblasBackendProvider implements BackendProvider {
    /** The backend's name. */
    public static final String NAME = "jblas";
    /** The automatic-selection priority: below EJML (10) and ND4J (7); see the class doc. */
    public static final int PRIORITY = 6;
    /** The probe's reason when the system lacks jblas's Fortran runtime. */
    public static final String LIBGFORTRAN_MISSING = "libgfortran.so.5 missing — install the libgfortran5 package";

    /**
     * The CNN's cost, declared apart so that one measurement re-declares it: nanoseconds per entry of a
     * convolution's memory-bound passes ({@code ns per entry} of {@code bench/run kernel-costs}), 0.730 (ND4J: 0.645),
     * from {@code bench/run kernel-costs --passes 3 --rounds 10} on a quiet machine (load average 0.2),
     * 2026-12-05 22:44–22:49 UTC, after the Winograd and batch-norm work on both backends' passes. It
     * alone decides the CNN's pick between ND4J and JBLAS (the products and calls nearly tie).
     */
    static final double CNN_ENTRY = 0.730;
    /** See {@link #kernelCosts()}. */
    private static final KernelCosts COSTS = new KernelCosts(2_573, 0.0436, 0.0433, 0.0482, CNN_ENTRY, 47_269, 0.491);
    private static final String GFORTRAN = "libgfortran.so.5";
    private static final String JBLAS_POM_PROPERTIES = "META-INF/maven/org.jblas/jblas/pom.properties";

    private final JblasSharedLibraries libraries;
    private final String osName;

    /** Creates the provider; does nothing else (no class of jblas is loaded). */
    public JblasBackendProvider() {
        this(null, System.getProperty("os.name", ""));
    }

    /**
     * @param libraries where to look for {@code libgfortran.so.5}, or null for this machine's
     *     linker paths (looked up at probe time)
     * @param osName the operating system's name ({@code os.name}); the library check runs on
     *     Linux only
     */
    JblasBackendProvider(JblasSharedLibraries libraries, String osName) {
        this.libraries = libraries;
        this.osName = Objects.requireNonNull(osName, "osName");
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

    /** @return jblas's version, from its jar's Maven metadata; loads no native code */
    @Override
    public String libraryVersion() {
        try (InputStream in = JblasBackendProvider.class.getClassLoader().getResourceAsStream(JBLAS_POM_PROPERTIES)) {
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
     * Checks for {@code libgfortran.so.5}, then loads jblas's native code and checks a 1 × 1
     * product and a 1 × 1 QR. Never throws.
     *
     * @return available, or unavailable with the reason and the fix
     */
    @Override
    public Availability probe() {
        if (osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
            JblasSharedLibraries where = libraries != null ? libraries : JblasSharedLibraries.ofThisMachine();
            if (where.find(GFORTRAN).isEmpty()) {
                return Availability.unavailable(LIBGFORTRAN_MISSING);
            }
        }
        try {
            Logger.getLogger().setLevel(Logger.WARNING);
            selfTest();
            return Availability.available();
        } catch (RuntimeException | LinkageError e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains(GFORTRAN)) {
                return Availability.unavailable(LIBGFORTRAN_MISSING, e);
            }
            return Availability.unavailable("jblas's native library failed to load (" + e
                    + "); jblas bundles it for Linux (amd64, aarch64, ppc64le), macOS and Windows", e);
        }
    }

    /** Runs the native calls the backend depends on, on 1 × 1 inputs, and checks the results. */
    private static void selfTest() {
        synchronized (JblasBackend.NATIVE_LOCK) {
            runSelfTest();
        }
    }

    private static void runSelfTest() {
        double[] c = {Double.NaN};
        NativeBlas.dgemm('N', 'N', 1, 1, 1, 1.0, new double[] {3.0}, 0, 1, new double[] {-2.0}, 0, 1, 0.0, c, 0, 1);
        if (c[0] != -6.0) {
            throw new IllegalStateException("jblas's dgemm computed 3 × (−2) = " + c[0]);
        }
        double[] tau = new double[1];
        double[] work = new double[1];
        int info = NativeBlas.dgeqrf(1, 1, c, 0, 1, tau, 0, work, 0, 1);
        if (info != 0 || Math.abs(c[0]) != 6.0) {
            throw new IllegalStateException("jblas's dgeqrf of [−6] gave info " + info + ", R = " + c[0]);
        }
    }

    /**
     * @return a new JBLAS backend; tensors of different instances do not mix
     * @throws BackendUnavailableException if {@link #probe()} says unavailable
     */
    @Override
    public Backend create() {
        Availability availability = probe();
        if (!availability.isAvailable()) {
            throw new BackendUnavailableException(NAME, availability);
        }
        return new JblasBackend();
    }

    /**
     * JBLAS's measured costs for the size-aware default, on one thread: 2,573 ns per 64 × 64
     * tensor allocated, 0.0436 ns per multiply-add of a 256³ product, 0.0433 ns per QR-compress
     * multiply-add of (784, 1024³, 10) and 0.0482 ns of (784, 2048³, 10), 47,269 ns per product
     * call beyond its multiply-adds (a 64 × 784 by 784 × 29 product: the call copies its heap
     * operands), 0.491 ns per entry of dense layers' passes, from {@code bench/run kernel-costs
     * --passes 3 --rounds 10} (module {@code bench}), 2026-12-05 20:23–20:35 UTC, 2 vCPUs of an AMD
     * EPYC with AVX-512 shared with other jobs (load average 12–15): the measuring thread's CPU
     * time, the least over three passes interleaved with the other backends' (see
     * {@code docs/default-backend.md}); per convolution entry {@link #CNN_ENTRY}. Heap arrays make
     * its tensors cheap (ND4J: 40,233 ns) and its passes over a dense layer's small tensors 0.56×
     * ND4J's (0.879 ns per entry); its products cost 1.02× ND4J's per multiply-add (0.0426 ns); its
     * QR-compress 0.87× ND4J's on the 1024-wide network (0.0496 ns) and 0.92× on the 2048-wide one
     * (0.0522 ns).
     *
     * @return those costs
     */
    @Override
    public Optional<KernelCosts> kernelCosts() {
        return Optional.of(COSTS);
    }
}
