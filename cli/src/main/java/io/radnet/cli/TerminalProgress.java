package io.radnet.cli;

import io.radnet.experiments.ExperimentListener;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * {@link ExperimentListener} as a text progress bar on the command's err writer, one line per
 * task, redrawn in place ({@code \r}) at most every {@value #REDRAW_MILLIS} ms; a finished bar
 * stays as one line, so the log of a long run remains on the screen. Only for a terminal: see
 * {@link #isInteractive()}.
 *
 * <p>A line is {@code LABEL [=====>     ] DONE/TOTAL ELAPSED MESSAGE}, e.g.
 * {@code experiment 3, seed 1/3, full    [===>      ] 120/5000 0:07 MSE 0.04210}, exactly one
 * column narrower than the terminal (so that it never wraps), padded with spaces to clear a
 * longer previous line. The bar takes the width the other fields leave, at least
 * {@value #MIN_BAR} characters: the message and then the label are cut (ending with {@code …})
 * to keep it. The terminal's width is {@code $COLUMNS} (which the {@code ./radnet} launcher
 * exports on a terminal), else {@value #DEFAULT_COLUMNS}.
 */
final class TerminalProgress implements ExperimentListener {
    /** The width assumed when {@code $COLUMNS} is unset or not a width. */
    static final int DEFAULT_COLUMNS = 80;
    /** The narrowest terminal width taken from {@code $COLUMNS}; a smaller value is ignored. */
    static final int MIN_COLUMNS = 20;
    /** The fewest characters between the bar's brackets while the label and message can be cut. */
    static final int MIN_BAR = 10;
    /** The least time between two redraws of a running task. */
    static final long REDRAW_MILLIS = 200;
    /** The fewest characters a cut label keeps, the ellipsis included. */
    private static final int MIN_LABEL = 8;
    /** The fewest characters a cut message keeps, the ellipsis included; a shorter one is dropped. */
    private static final int MIN_MESSAGE = 4;

    private final PrintWriter err;
    private final int columns;
    private final LongSupplier nanoTime;

    /**
     * @param err where the bars are drawn: the err writer of a command running on a terminal
     */
    TerminalProgress(PrintWriter err) {
        this(err, columns(System.getenv("COLUMNS")), System::nanoTime);
    }

    /**
     * @param err where the bars are drawn
     * @param columns the terminal's width in characters, ≥ {@value #MIN_COLUMNS}
     * @param nanoTime the clock of the elapsed times and the redraw interval, in nanoseconds
     */
    TerminalProgress(PrintWriter err, int columns, LongSupplier nanoTime) {
        this.err = Objects.requireNonNull(err, "err");
        if (columns < MIN_COLUMNS) {
            throw new IllegalArgumentException("a progress bar needs at least " + MIN_COLUMNS + " columns, got " + columns);
        }
        this.columns = columns;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /**
     * @param value {@code $COLUMNS}, or null when unset
     * @return the width it gives, or {@value #DEFAULT_COLUMNS} when it is unset, not a whole
     *     number, or below {@value #MIN_COLUMNS}
     */
    static int columns(String value) {
        if (value == null) {
            return DEFAULT_COLUMNS;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            return parsed >= MIN_COLUMNS ? parsed : DEFAULT_COLUMNS;
        } catch (NumberFormatException e) {
            return DEFAULT_COLUMNS;
        }
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
        return new Bar(Objects.requireNonNull(name, "name"), Math.max(1, total));
    }

    /**
     * One line of progress, exactly {@code columns − 1} characters (see the class comment).
     *
     * @param columns the terminal's width, ≥ {@value #MIN_COLUMNS}
     * @param label what is running, kept as given (trailing spaces align the labels of a run)
     * @param done the steps done, clamped to 0 … total
     * @param total the most steps, ≥ 1
     * @param elapsedNanos the time since the task started
     * @param message a short note, possibly empty
     * @return the line, without {@code \r} or line separator
     */
    static String render(int columns, String label, long done, long total, long elapsedNanos, String message) {
        int width = columns - 1;
        long clamped = Math.max(0, Math.min(done, total));
        String tail = "] " + clamped + "/" + total + " " + elapsed(elapsedNanos);
        String note = message == null ? "" : message.strip();
        String name = label;
        int room = width - tail.length() - " [".length();
        int bar = room - name.length() - (note.isEmpty() ? 0 : 1 + note.length());
        if (bar < MIN_BAR && !note.isEmpty()) {
            int keep = note.length() - (MIN_BAR - bar);
            note = keep >= MIN_MESSAGE ? cut(note, keep) : "";
            bar = room - name.length() - (note.isEmpty() ? 0 : 1 + note.length());
        }
        if (bar < MIN_BAR) {
            name = cut(name, Math.max(MIN_LABEL, name.length() - (MIN_BAR - bar)));
            bar = room - name.length() - (note.isEmpty() ? 0 : 1 + note.length());
        }
        StringBuilder line = new StringBuilder(width).append(name).append(" [");
        int cells = Math.max(1, bar);
        int filled = (int) (cells * clamped / total);
        line.append("=".repeat(filled));
        if (filled < cells) {
            line.append('>').append(" ".repeat(cells - filled - 1));
        }
        line.append(tail);
        if (!note.isEmpty()) {
            line.append(' ').append(note);
        }
        if (line.length() > width) {
            line.setLength(width);
        }
        return line.append(" ".repeat(width - line.length())).toString();
    }

    /** @return {@code m:ss} below an hour, else {@code h:mm:ss} */
    static String elapsed(long nanos) {
        long seconds = Math.max(0, nanos) / 1_000_000_000L;
        long hours = seconds / 3600;
        long minutes = seconds / 60 % 60;
        long secs = seconds % 60;
        return hours > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, secs)
                : String.format(Locale.ROOT, "%d:%02d", minutes, secs);
    }

    /** @return text cut to length characters, the last one an ellipsis, or text when it fits */
    private static String cut(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }

    /** A task's line: drawn at its start, at most every {@value #REDRAW_MILLIS} ms while it runs, and at its end. */
    private final class Bar implements Task {
        private final String label;
        private final long started;
        private long total;
        private long done;
        private String message = "";
        private long lastDrawn;
        private boolean closed;

        Bar(String label, long total) {
            this.label = label;
            this.total = total;
            this.started = nanoTime.getAsLong();
            draw(started);
        }

        @Override
        public void stepTo(long steps, String note) {
            done = steps;
            message = note;
            long now = nanoTime.getAsLong();
            if (now - lastDrawn >= REDRAW_MILLIS * 1_000_000L) {
                draw(now);
            }
        }

        /** Fills the bar: the work ended after {@code steps} steps, its new total. */
        @Override
        public void finish(long steps, String note) {
            total = Math.max(1, steps);
            done = steps;
            message = note;
            draw(nanoTime.getAsLong());
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            draw(nanoTime.getAsLong());
            err.println();
            err.flush();
        }

        private void draw(long now) {
            lastDrawn = now;
            err.print('\r');
            err.print(render(columns, label, done, total, now - started, message));
            err.flush();
        }
    }
}
