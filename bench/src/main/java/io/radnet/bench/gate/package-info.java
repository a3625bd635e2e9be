/**
 * The benchmark regression gate: compares a JMH JSON result file with a committed baseline
 * through ratios to a calibration benchmark measured in the same run, so that a machine which
 * is uniformly slower today does not fail the gate, and a benchmark that got slower relative
 * to the rest does.
 */
package io.radnet.bench.gate;
