package io.radnet.core.io;

import java.util.Locale;

/**
 * Where the target columns of a CSV data set are: first, last (the default), or starting at a
 * given 1-based column. For a labelled data set the target is the one label column, so
 * {@code first} reads Kaggle-style files ({@code label,pixel1,…,pixel784}); for k target columns
 * they are the k consecutive columns from that position, the inputs the other columns in order.
 */
public final class LabelColumn {
    /** The targets are the first columns. */
    public static final LabelColumn FIRST = new LabelColumn(1, "first");
    /** The targets are the last columns (radnet's CSV default). */
    public static final LabelColumn LAST = new LabelColumn(0, "last");

    /** The 1-based first target column, or 0 for "the last columns". */
    private final int number;
    private final String spelling;

    private LabelColumn(int number, String spelling) {
        this.number = number;
        this.spelling = spelling;
    }

    /**
     * @param number the 1-based column where the targets start, ≥ 1
     * @return that position
     * @throws IllegalArgumentException if number &lt; 1
     */
    public static LabelColumn number(int number) {
        if (number < 1) {
            throw new IllegalArgumentException("a label column is numbered from 1, got " + number);
        }
        return number == 1 ? FIRST : new LabelColumn(number, Integer.toString(number));
    }

    /**
     * @param text {@code first}, {@code last} or a column number N ≥ 1 (1-based)
     * @return the position
     * @throws IllegalArgumentException naming the text otherwise
     */
    public static LabelColumn parse(String text) {
        String word = text.strip().toLowerCase(Locale.ROOT);
        if (word.equals("first")) {
            return FIRST;
        }
        if (word.equals("last")) {
            return LAST;
        }
        if (word.matches("[0-9]{1,9}") && Integer.parseInt(word) >= 1) {
            return number(Integer.parseInt(word));
        }
        throw new IllegalArgumentException("a label column is first, last or a column number ≥ 1, got '" + text + "'");
    }

    /**
     * @param columns the columns of a line, inputs and targets
     * @param targetColumns k ≥ 1, the target columns
     * @return the 0-based index of the first target column, in [0, columns − k]
     * @throws IllegalArgumentException if k targets from this column do not fit in the line
     */
    int start(int columns, int targetColumns) {
        int start = number == 0 ? columns - targetColumns : number - 1;
        if (start < 0 || start + targetColumns > columns) {
            throw new IllegalArgumentException("label column " + spelling + " is outside lines of " + columns + " columns");
        }
        return start;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LabelColumn c && c.number == number;
    }

    @Override
    public int hashCode() {
        return number;
    }

    /** @return {@code first}, {@code last} or the column number */
    @Override
    public String toString() {
        return spelling;
    }
}
