package io.radnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.radnet.experiments.Summary;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The number formats and the table layout of the text reports. */
class ReportTextTest {
    @Test
    void smallNumbersAreWrittenLikeThePapersFigures() {
        assertEquals("1.31e-8", ReportText.sci(1.31e-8));
        assertEquals("3.08e-17", ReportText.sci(3.0812e-17));
        assertEquals("2.50e0", ReportText.sci(2.5));
        assertEquals("0", ReportText.sci(0.0));
        assertEquals("NaN", ReportText.sci(Double.NaN));
    }

    @Test
    void aSingleSeedHasNoStandardDeviation() {
        assertEquals("2.50 ± 0.71", ReportText.plusMinus(Summary.of(new double[] {2, 3}), true));
        assertEquals("2.00e0", ReportText.plusMinus(Summary.of(new double[] {2}), false));
        assertEquals("seed 1", ReportText.seedsText(1));
        assertEquals("seeds 1..4", ReportText.seedsText(4));
        assertEquals("(1, 6, 7, 1)", ReportText.widths(new int[] {1, 6, 7, 1}));
    }

    @Test
    void tablesRightAlignEveryColumn() {
        List<String[]> rows = List.of(new String[] {"seed", "value"}, new String[] {"10", "1"});
        List<String> lines = new ArrayList<>();

        ReportText.table(rows, lines);

        assertEquals(List.of("  seed  value", "    10      1"), lines);
    }
}
