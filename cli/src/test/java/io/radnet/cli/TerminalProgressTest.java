package io.radnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.radnet.experiments.ExperimentListener;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {
    private static final String LABEL = "experiment 3, seed 1/3, full   ";
    private static final long SECOND = 1_000_000_000L;

    @Test
    void at80ColumnsTheBarTakesWhatTheLabelCountTimeAndMessageLeave() {
        String line = TerminalProgress.render(80, LABEL, 1200, 5000, 75 * SECOND, "MSE 0.04210");
        assertEquals(LABEL + " [====>             ] 1200/5000 1:15 MSE 0.04210", line);
        assertEquals(79, line.length());
    }

    @Test
    void at120ColumnsTheBarIsFortyCharactersLonger() {
        String line = TerminalProgress.render(120, LABEL, 1200, 5000, 75 * SECOND, "MSE 0.04210");
        assertEquals(LABEL + " [=============>" + " ".repeat(44) + "] 1200/5000 1:15 MSE 0.04210", line);
        assertEquals(119, line.length());
    }

    @Test
    void aNarrowTerminalCutsTheMessageThenTheLabelToKeepTenBarCells() {
        String line = TerminalProgress.render(40, LABEL, 2500, 5000, 3725 * SECOND, "MSE 0.04210");
        assertEquals("experim… [=====>    ] 2500/5000 1:02:05", line);
        assertEquals(39, line.length());
        assertEquals("exp 3 [====>     ] 9/20 0:00 MSE 0.042…",
                TerminalProgress.render(40, "exp 3", 9, 20, 0, "MSE 0.04210"));
    }

    @Test
    void aFullBarHasNoHeadAndALongMessageIsCutToKeepTenBarCells() {
        String line = TerminalProgress.render(80, "seeds", 10, 10, 5 * SECOND, "");
        assertEquals("seeds [" + "=".repeat(60) + "] 10/10 0:05", line);
        String shorter = TerminalProgress.render(80, "seeds", 10, 10, 5 * SECOND, "a note longer than the bar has room for, "
                + "cut to keep ten cells of bar");
        assertEquals(79, shorter.length());
        assertEquals("seeds [==========] 10/10 0:05 a note longer than the bar has room for, cut to …", shorter);
    }

    @Test
    void columnsComeFromTheEnvironmentValueOrDefaultTo80() {
        assertEquals(80, TerminalProgress.columns(null));
        assertEquals(80, TerminalProgress.columns("wide"));
        assertEquals(80, TerminalProgress.columns("12"));
        assertEquals(132, TerminalProgress.columns(" 132 "));
        assertThrows(IllegalArgumentException.class, () -> new TerminalProgress(new PrintWriter(new StringWriter()), 19,
                System::nanoTime));
    }

    @Test
    void aTaskRedrawsAtMostEvery200MillisecondsAndEndsWithItsFullBarOnItsOwnLine() {
        AtomicLong clock = new AtomicLong(0);
        StringWriter drawn = new StringWriter();
        TerminalProgress progress = new TerminalProgress(new PrintWriter(drawn), 80, clock::get);
        try (ExperimentListener.Task task = progress.start("run", 100)) {
            clock.set(100_000_000L);
            task.stepTo(1, "a");
            clock.set(250_000_000L);
            task.stepTo(2, "b");
            clock.set(2 * SECOND);
            task.finish(40, "done");
        }
        String[] lines = drawn.toString().split("\r", -1);
        assertEquals(5, lines.length, drawn.toString());
        assertEquals("", lines[0]);
        assertEquals(TerminalProgress.render(80, "run", 0, 100, 0, ""), lines[1]);
        assertEquals(TerminalProgress.render(80, "run", 2, 100, 250_000_000L, "b"), lines[2]);
        assertEquals(TerminalProgress.render(80, "run", 40, 40, 2 * SECOND, "done"), lines[3]);
        assertEquals(TerminalProgress.render(80, "run", 40, 40, 2 * SECOND, "done") + System.lineSeparator(), lines[4]);
    }
}
