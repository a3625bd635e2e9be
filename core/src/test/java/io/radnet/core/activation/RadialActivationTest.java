package io.radnet.core.activation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.QrMode;
import io.radnet.api.RadialProfile;
import io.radnet.api.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The radial rescaling ρ_s(v) = η(|v| + s)·v/|v|: its values, its orthogonal equivariance, and
 * an exact, stable Jacobian-vector product down to |v| → 0 and at v = 0, on every backend.
 */
class RadialActivationTest {
    static List<RadialProfile> profiles() {
        return List.of(RadialProfiles.stepRelu(), RadialProfiles.squash(), RadialProfiles.shiftedRelu(0.25),
                RadialProfiles.sigmoid(), RadialProfiles.tanh());
    }

    private static Backend ejml() {
        return Backends.get("ejml");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void rescalesEachRowAlongItsOwnDirection(RadialProfile eta) {
        for (String name : io.radnet.core.TestBackends.names().toList()) {
            Backend b = Backends.get(name);
            double[][] v = {{3, 4}, {0, 0}, {-0.3, 0.4}, {1e-3, 0}};
            Tensor z = b.transpose(b.fromRows(v)); // kernels see one sample per column
            Tensor out = b.zeros(2, 4);
            new RadialActivation(eta).kernel(b, 4, 2).forward(z, 0.5, out);
            for (int i = 0; i < v.length; i++) {
                double r = Math.hypot(v[i][0], v[i][1]);
                double c = r == 0 ? 0 : eta.value(r + 0.5) / r;
                assertEquals(c * v[i][0], out.get(0, i), 1e-15 * Math.max(1, Math.abs(c * v[i][0])), name + " " + eta);
                assertEquals(c * v[i][1], out.get(1, i), 1e-15 * Math.max(1, Math.abs(c * v[i][1])), name + " " + eta);
            }
            assertEquals(0.0, out.get(0, 1), 0.0, "ρ(0) = 0");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void commutesWithOrthogonalMaps(RadialProfile eta) {
        Backend b = ejml();
        SplittableRandom random = new SplittableRandom(5);
        Tensor q = b.qr(b.fromRowMajor(5, 5, random.doubles(25, -1, 1).toArray()), QrMode.COMPLETE).q();
        Tensor v = b.fromRowMajor(5, 6, random.doubles(30, -2, 2).toArray()); // 6 samples as columns
        Tensor qv = b.matmul(q, v);
        Tensor rho = b.zeros(5, 6);
        Tensor rhoQv = b.zeros(5, 6);
        RadialActivation act = new RadialActivation(eta);
        act.kernel(b, 6, 5).forward(v, 0.1, rho);
        act.kernel(b, 6, 5).forward(qv, 0.1, rhoQv);
        Tensor qRho = b.matmul(q, rho);
        assertArrayEquals(qRho.toRowMajor(), rhoQv.toRowMajor(), 1e-14, "ρ(Qv) = Qρ(v)");
    }

    /**
     * dz from the kernel against central differences of ⟨g, ρ(v)⟩ with a step proportional to
     * |v| (where ρ(v) is representable), and against the closed form J·g with the exact unit
     * direction at every |v| from 1.3 down to 1e-300: no 1/r blow-up, no cancellation.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void jacobianVectorProductIsExactAndStableAsTheNormGoesToZero(RadialProfile eta) {
        Backend b = ejml();
        RadialActivation act = new RadialActivation(eta);
        double[] direction = {0.6, -0.48, 0.64};
        double[] g = {0.3, -1.1, 0.7};
        for (double scale : new double[] {1.3, 1e-3, 1e-8, 1e-150, 1e-300}) {
            for (double shift : new double[] {0.0, 0.8}) {
                double[] v = new double[3];
                for (int j = 0; j < 3; j++) {
                    v[j] = direction[j] * scale;
                }
                LayerKernel k = act.kernel(b, 1, 3);
                Tensor z = b.fromRowMajor(3, 1, v);
                k.forward(z, shift, b.zeros(3, 1));
                Tensor dz = b.zeros(3, 1);
                double ds = k.backward(b.fromRowMajor(3, 1, g), dz, true);
                double[] analytic = dz.toRowMajor();
                // closed form with the exact unit direction u: J g = c g + (η′(r+s) − c)(u·g) u
                double c = eta.value(scale + shift) / scale;
                double ug = dot(direction, g);
                for (int j = 0; j < 3; j++) {
                    double expected = c * g[j] + (eta.derivative(scale + shift) - c) * ug * direction[j];
                    assertEquals(expected, analytic[j], 1e-12 * Math.max(Math.abs(expected), norm(analytic)),
                            eta + " s=" + shift + " |v|=" + scale + " closed form, component " + j);
                }
                if (norm(act.apply(v, shift)) < 1e-200) {
                    continue; // ρ(v) underflows: finite differences of it carry no information
                }
                for (int j = 0; j < 3; j++) {
                    double h = 1e-7 * scale;
                    double[] vp = v.clone();
                    double[] vm = v.clone();
                    vp[j] += h;
                    vm[j] -= h;
                    double numeric = (dot(g, act.apply(vp, shift)) - dot(g, act.apply(vm, shift))) / (2 * h);
                    double tolerance = 1e-6 * Math.max(Math.abs(numeric), norm(analytic));
                    String what = eta + " s=" + shift + " |v|=" + scale + " component " + j;
                    assertTrue(Double.isFinite(analytic[j]), what + " is finite");
                    assertEquals(numeric, analytic[j], tolerance, what);
                }
                double hs = 1e-7;
                double numericShift = (dot(g, act.apply(v, shift + hs)) - dot(g, act.apply(v, shift - hs))) / (2 * hs);
                assertEquals(numericShift, ds, 1e-6 * Math.max(1e-300, Math.abs(numericShift)) + 1e-12,
                        eta + " ∂/∂s at |v|=" + scale);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void atZeroTheOutputIsZeroAndTheJacobianIsTheProfileSlope(RadialProfile eta) {
        Backend b = ejml();
        LayerKernel k = new RadialActivation(eta).kernel(b, 2, 3);
        Tensor z = b.transpose(b.fromRows(new double[][] {{0, 0, 0}, {0, 1e-320, 0}}));
        Tensor out = b.filled(3, 2, Double.NaN);
        k.forward(z, 0.2, out);
        assertArrayEquals(new double[6], out.toRowMajor(), 0.0, "ρ(0) = 0, also below the smallest normal norm");
        Tensor dz = b.zeros(3, 2);
        double ds = k.backward(b.transpose(b.fromRows(new double[][] {{1, -2, 3}, {4, 5, 6}})), dz, true);
        double slope = eta.derivative(0.2);
        assertArrayEquals(new double[] {slope, -2 * slope, 3 * slope, 4 * slope, 5 * slope, 6 * slope},
                b.transpose(dz).toRowMajor(), 0.0);
        assertEquals(0.0, ds, 0.0, "the shift does not move ρ(0) = 0");
    }

    @org.junit.jupiter.api.Test
    void profilesByNameAreCaseInsensitiveAndUnknownNamesAreListed() {
        assertEquals("sigmoid", RadialProfiles.byName("Sigmoid").toString());
        assertEquals("shifted-relu:0.5", RadialProfiles.byName("SHIFTED-RELU:0.5").toString());
        assertEquals(0.25, RadialProfiles.byName("shifted-relu:0.5").value(0.75), 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RadialProfiles.byName("swish"));
        assertTrue(e.getMessage().contains("step-relu, step-relu:C, squash, relu, shifted-relu:B, sigmoid, tanh"),
                e.getMessage());
        RadialProfile floored = RadialProfiles.byName("Step-ReLU:1e-6");
        assertEquals("step-relu:1.0E-6", floored.toString());
        assertEquals(1e-6, floored.value(0.999), 0.0);
        assertEquals(0.0, floored.derivative(0.5), 0.0);
        assertEquals(1.0, floored.value(1.0), 0.0);
        assertEquals(1.0, floored.derivative(1.0), 0.0);
        assertEquals(floored.toString(), RadialProfiles.byName(floored.toString()).toString());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> RadialProfiles.byName("step-relu:tiny"));
        assertTrue(bad.getMessage().contains("step-relu:C needs a numeric value"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RadialProfiles.stepRelu(Double.NaN));
        RadialProfile relu = RadialProfiles.byName("ReLU");
        assertEquals("relu", relu.toString());
        assertEquals(0.0, relu.value(-0.5), 0.0);
        assertEquals(0.7, relu.value(0.7), 0.0);
        assertEquals(0.0, relu.derivative(-0.5), 0.0);
        assertEquals(1.0, relu.derivative(0.7), 0.0);
        assertThrows(IllegalArgumentException.class, () -> RadialProfiles.byName("shifted-relu:x"));
        assertThrows(IllegalArgumentException.class, () -> RadialProfiles.shiftedRelu(Double.NaN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void aBlockEvaluationGivesTheBitsOfValueAndDerivative(RadialProfile eta) {
        SplittableRandom random = new SplittableRandom(41);
        int n = 600;
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = i % 5 == 0 ? random.nextDouble(-1e-3, 1e-3) : random.nextDouble(-20.0, 60.0);
        }
        r[1] = 0.0;
        r[2] = 1.0;
        double[] value = new double[n];
        double[] slope = new double[n];
        eta.evaluate(r, value, slope, n);
        for (int i = 0; i < n; i++) {
            double h = eta.value(r[i]);
            assertEquals(Double.doubleToRawLongBits(h), Double.doubleToRawLongBits(value[i]), eta + " h(" + r[i] + ")");
            assertEquals(Double.doubleToRawLongBits(eta.derivative(r[i], h)), Double.doubleToRawLongBits(slope[i]),
                    eta + " h′(" + r[i] + ")");
            assertEquals(eta.derivative(r[i]), slope[i], 0.0, eta + " h′(" + r[i] + ") from the value");
        }
    }

    @org.junit.jupiter.api.Test
    void profilesMatchThePapersFormulas() {
        assertEquals(0.0, RadialProfiles.stepRelu().value(0.999), 0.0);
        assertEquals(1.5, RadialProfiles.stepRelu().value(1.5), 0.0);
        assertEquals(0.8, RadialProfiles.squash().value(2.0), 1e-16);
        assertEquals(2 * 2.0 / 25.0, RadialProfiles.squash().derivative(2.0), 1e-16);
        assertEquals(1 / (1 + Math.exp(-0.7)), RadialProfiles.sigmoid().value(0.7), 1e-16);
        assertEquals(Math.tanh(0.7), RadialProfiles.tanh().value(0.7), 0.0);
        assertEquals(1.0, RadialProfiles.sigmoid().value(800.0), 0.0, "no overflow");
    }

    private static double dot(double[] a, double[] c) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * c[i];
        }
        return s;
    }

    private static double norm(double[] a) {
        double m = 0;
        for (double x : a) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }
}
