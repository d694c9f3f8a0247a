package io.github.neurodyn.analysis;

/**
 * Rejects a data file that does not follow its documented format. The message and the
 * accessors name the source (usually the file name), the 1-based line and the 1-based
 * column where the problem was found, so the user can open the file at that spot.
 *
 * <p>It is an {@link IllegalArgumentException} because a malformed file is bad input, not a
 * numerical failure.
 */
public class MalformedDataException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Line or column value used when the problem concerns the whole file or a whole line. */
    public static final int NONE = 0;

    /** File name or another label of the input. */
    private final String source;
    /** 1-based line number, or {@link #NONE} when the problem is not on one line. */
    private final int line;
    /** 1-based column number, or {@link #NONE} when the problem is not in one column. */
    private final int column;

    /**
     * Creates the exception with a message of the form
     * {@code "<source> line <line>, column <column>: <problem>"}.
     *
     * @param source file name or another label of the input
     * @param line 1-based line number, or {@link #NONE}
     * @param column 1-based column number, or {@link #NONE}
     * @param problem what is wrong and what was expected
     */
    public MalformedDataException(String source, int line, int column, String problem) {
        super(location(source, line, column) + ": " + problem);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    /** @return the file name or label of the input */
    public String source() {
        return source;
    }

    /** @return the 1-based line number, or {@link #NONE} when the problem is not on one line */
    public int line() {
        return line;
    }

    /** @return the 1-based column number, or {@link #NONE} when the problem is not in one column */
    public int column() {
        return column;
    }

    private static String location(String source, int line, int column) {
        StringBuilder text = new StringBuilder(source);
        if (line != NONE) {
            text.append(" line ").append(line);
        }
        if (column != NONE) {
            text.append(line != NONE ? ", column " : " column ").append(column);
        }
        return text.toString();
    }
}
