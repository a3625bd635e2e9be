package io.radnet.cli;

import io.radnet.experiments.ExperimentListener;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.Objects;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * {@link ExperimentListener} as a text progress bar on the command's err writer (drawn by
 * the {@code me.tongfei:progressbar} library, as wide as the terminal), one bar per task, redrawn in place about twice a
 * second; a finished bar stays as one line, so the log of a long run remains on the screen.
 * Only for a terminal: see {@link #isInteractive()}.
 */
final class TerminalProgress implements ExperimentListener {
    private static final int UPDATE_MILLIS = 500;

    private final PrintWriter err;

    /**
     * @param err where the bars are drawn: the err writer of a command running on a terminal
     */
    TerminalProgress(PrintWriter err) {
        this.err = Objects.requireNonNull(err, "err");
    }

    /**
     * Whether a progress bar may be drawn: the JVM has an interactive console. On Java 17 that
     * means standard input and output are a terminal (Java cannot ask about standard error
     * alone); on Java 22 and newer, where a console always exists, it also asks
     * {@code Console.isTerminal()}. So nothing is drawn when the output goes to a file or a pipe,
     * nor in tests.
     *
     * @return true when standard error is very likely an interactive terminal
     */
    static boolean isInteractive() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = java.io.Console.class.getMethod("isTerminal");
            return Boolean.TRUE.equals(isTerminal.invoke(console));
        } catch (NoSuchMethodException e) {
            return true; // before Java 22, a console exists only on a terminal
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public Task start(String name, long total) {
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(name)
                .setInitialMax(Math.max(1, total))
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(UPDATE_MILLIS)
                .setConsumer(new LineConsumer(err))
                .build();
        return new Task() {
            @Override
            public void stepTo(long done, String message) {
                bar.stepTo(done);
                bar.setExtraMessage(message);
            }

            @Override
            public void finish(long done, String message) {
                bar.maxHint(Math.max(1, done));
                bar.stepTo(done);
                bar.setExtraMessage(message);
            }

            @Override
            public void close() {
                bar.close();
            }
        };
    }

    /** Redraws one line in place ({@code \r}); ends it with a line separator when the bar closes. */
    private static final class LineConsumer extends DelegatingProgressBarConsumer {
        private final PrintWriter err;

        LineConsumer(PrintWriter err) {
            super(rendered -> {
                err.print('\r');
                err.print(rendered);
                err.flush();
            });
            this.err = err;
        }

        @Override
        public void close() {
            err.println();
            err.flush();
        }
    }
}
