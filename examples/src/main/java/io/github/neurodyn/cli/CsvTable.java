package io.github.neurodyn.cli;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * A numeric table written as CSV: a header row, then one row per record. Numbers are
 * written with {@link Double#toString(double)}, which reads back to the same double, so a
 * CSV round trip through numpy or pandas loses nothing.
 */
public final class CsvTable implements OutputDirectory.TextContent {

    private final List<String> header;
    private final List<Object[]> rows = new ArrayList<>();

    /**
     * Creates a table with the given column names; names carry their unit, e.g. {@code time_ms}.
     *
     * @param header column names
     */
    public CsvTable(String... header) {
        this.header = List.of(header);
    }

    /**
     * Creates a table with the given column names.
     *
     * @param header column names
     */
    public CsvTable(List<String> header) {
        this.header = List.copyOf(header);
    }

    /**
     * Adds one row; numbers, strings and booleans are accepted.
     *
     * @param values one value per column
     * @return this table
     */
    public CsvTable row(Object... values) {
        if (values.length != header.size()) {
            throw new IllegalArgumentException("row has " + values.length + " values, expected " + header.size());
        }
        rows.add(values.clone());
        return this;
    }

    /**
     * Builds a table from a matrix, one CSV row per matrix row, with columns named
     * {@code prefix0, prefix1, ...}.
     *
     * @param m the matrix
     * @param prefix column-name prefix
     * @return the table
     */
    public static CsvTable ofMatrix(DMatrixRMaj m, String prefix) {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < m.numCols; j++) {
            names.add(prefix + j);
        }
        CsvTable table = new CsvTable(names);
        for (int i = 0; i < m.numRows; i++) {
            Object[] row = new Object[m.numCols];
            for (int j = 0; j < m.numCols; j++) {
                row[j] = m.get(i, j);
            }
            table.rows.add(row);
        }
        return table;
    }

    /** @return the number of data rows */
    public int size() {
        return rows.size();
    }

    @Override
    public void writeTo(Writer out) throws IOException {
        out.write(String.join(",", header));
        out.write('\n');
        StringBuilder line = new StringBuilder();
        for (Object[] row : rows) {
            line.setLength(0);
            for (int j = 0; j < row.length; j++) {
                if (j > 0) {
                    line.append(',');
                }
                line.append(format(row[j]));
            }
            line.append('\n');
            out.write(line.toString());
        }
    }

    private static String format(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String s) {
            boolean quote = s.contains(",") || s.contains("\"") || s.contains("\n");
            return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
        }
        return String.valueOf(value);
    }
}
