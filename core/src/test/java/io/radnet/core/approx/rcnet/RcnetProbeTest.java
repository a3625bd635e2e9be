package io.radnet.core.approx.rcnet;

import io.radnet.api.Backends;
import io.radnet.core.approx.Modulus;
import io.radnet.core.approx.VectorFunction;
import org.junit.jupiter.api.Test;

class RcnetProbeTest {
    @Test
    void probe() {
        var b = Backends.get("ejml");
        VectorFunction f = VectorFunction.scalar(1, x -> x[0]);
        long t0 = System.nanoTime();
        RcnetApproximation a = RcnetConstructions.theorem11(b, f, Modulus.lipschitz(1), 24, 2);
        System.out.println("build s " + (System.nanoTime() - t0) / 1e9);
        int n = 2001;
        double[][] pts = new double[n][1];
        for (int i = 0; i < n; i++) pts[i][0] = i / (n - 1.0);
        t0 = System.nanoTime();
        double[][] v = a.evaluate(pts);
        System.out.println("eval s " + (System.nanoTime() - t0) / 1e9);
        double max = 0, maxAll = 0; int bad = 0;
        for (int i = 0; i < n; i++) {
            double e = Math.abs(v[i][0] - pts[i][0]);
            maxAll = Math.max(maxAll, e);
            if (a.certificate().isGuaranteedAt(pts[i])) { max = Math.max(max, e); if (e > 0.25) bad++; }
        }
        System.out.println("max outside " + max + " all " + maxAll + " bad " + bad);
        VectorFunction g = VectorFunction.scalar(2, x -> Math.sin(3 * x[0]) * x[1]);
        RcnetApproximation a2 = RcnetConstructions.theorem11(b, g, Modulus.lipschitz(Math.sqrt(10)), 25, 2);
        System.out.println(a2.certificate());
        double[][] p2 = new double[41 * 41][];
        for (int i = 0; i < 41; i++) for (int j = 0; j < 41; j++) p2[41 * i + j] = new double[] {i / 40.0, j / 40.0};
        double[][] v2 = a2.evaluate(p2);
        double m2 = 0;
        for (int i = 0; i < p2.length; i++) if (a2.certificate().isGuaranteedAt(p2[i])) m2 = Math.max(m2, Math.abs(v2[i][0] - g.apply(p2[i])[0]));
        System.out.println("d=2 max outside " + m2 + " bound " + a2.certificate().bound());
    }
}
