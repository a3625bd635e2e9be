package io.radnet.bench.report;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The theoretical double-precision peak of an x86-64 machine from /proc/cpuinfo: cores ×
 * clock × flops per cycle, with 16 flops per cycle and core for CPUs with AVX2 and FMA (two
 * 256-bit FMA pipes: 2 × 4 doubles × 2 flops; AVX-512 on AMD Zen 4 is double-pumped and does
 * not raise it), 8 with AVX only, 4 otherwise. The clock is the largest "cpu MHz" listed, the
 * clock at the moment of reading, not the boost limit: the figure is indicative.
 *
 * @param processors logical processors listed
 * @param megahertz the largest clock listed
 * @param flopsPerCycle double-precision flops per cycle and processor
 */
record MachinePeak(int processors, double megahertz, int flopsPerCycle) {
    private static final Pattern MHZ = Pattern.compile("(?m)^cpu MHz\\s*:\\s*([0-9.]+)");
    private static final Pattern PROCESSOR = Pattern.compile("(?m)^processor\\s*:");
    private static final Pattern FLAGS = Pattern.compile("(?m)^flags\\s*:(.*)$");

    static Optional<MachinePeak> fromCpuinfo(String cpuinfo) {
        Matcher mhz = MHZ.matcher(cpuinfo);
        double best = 0;
        while (mhz.find()) {
            best = Math.max(best, Double.parseDouble(mhz.group(1)));
        }
        int processors = (int) PROCESSOR.matcher(cpuinfo).results().count();
        Matcher flags = FLAGS.matcher(cpuinfo);
        if (best <= 0 || processors == 0 || !flags.find()) {
            return Optional.empty();
        }
        String list = " " + flags.group(1) + " ";
        int perCycle = list.contains(" avx2 ") && list.contains(" fma ") ? 16 : list.contains(" avx ") ? 8 : 4;
        return Optional.of(new MachinePeak(processors, best, perCycle));
    }

    double gflops() {
        return processors * megahertz * 1e-3 * flopsPerCycle;
    }

    String describe() {
        return String.format(Locale.ROOT, "Theoretical peak: %.1f GFLOP/s (%d processors × %.0f MHz × %d flops/cycle;"
                + " %.1f per core).", gflops(), processors, megahertz, flopsPerCycle, gflops() / processors);
    }
}
