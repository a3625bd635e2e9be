package io.radnet.bench.gate;

/**
 * What happened to one benchmark row between a base and a candidate: the verdict of the
 * same-machine A/B gate ({@link AbComparison}, base and candidate builds run in alternating
 * JVMs) and of the record comparison ({@link RegressionGate}, a run against the committed
 * baseline's calibrated ratios). SLOWER and MISSING fail a gate.
 */
public enum GateStatus {
    /** Within the threshold (for the A/B gate: or the forks of the two builds overlap). */
    OK,
    /** Slower by more than the threshold (for the A/B gate: in every fork): fails the gate. */
    SLOWER,
    /** Faster by more than the threshold (for the A/B gate: in every fork). */
    FASTER,
    /** Measured on the base but not on the candidate: fails the gate. */
    MISSING,
    /** Measured on the candidate only. */
    NEW
}
