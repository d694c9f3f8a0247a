package io.github.neurodyn.io;

import io.github.neurodyn.api.Arguments;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;

/**
 * Reads and writes matrices as comma-separated text, one matrix row per line, with an
 * optional header line of column names.
 *
 * <p>Values are written with {@link Double#toString(double)}, which prints the shortest
 * decimal that {@link Double#parseDouble} maps back to the same double, so a write then a
 * read returns every value bit for bit, including {@code -0.0}, subnormals, {@code NaN} and
 * the infinities (written {@code NaN}, {@code Infinity}, {@code -Infinity}). The reader also
 * accepts numpy's spellings {@code nan}, {@code inf} and {@code -inf} in any case, surrounding
 * spaces, {@code \r\n} line ends, and header fields quoted as in RFC 4180. Blank lines are
 * skipped. Files are UTF-8.
 *
 * <p>Malformed files raise {@link IllegalArgumentException} naming the file, the line and the
 * problem (a field that is not a number, rows of different lengths, a header whose length
 * differs from the rows). Writes go to a temporary file that is moved into place, so a failed
 * write leaves no partial file.
 */
public final class Csv {

    private Csv() {
    }

    // ---------------------------------------------------------------- writing

    /**
     * Writes a matrix without a header.
     *
     * @param file the target file, replaced if it exists
     * @param matrix the values
     * @throws IllegalArgumentException when an argument is null, or the matrix has rows but no
     *     columns (such a file would read back as 0 x 0)
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, DMatrixRMaj matrix) throws IOException {
        write(file, matrix, List.of());
    }

    /**
     * Writes a matrix with a header line of column names. Names containing a comma, a quote
     * or surrounding spaces are quoted as in RFC 4180.
     *
     * @param file the target file, replaced if it exists
     * @param matrix the values
     * @param columnNames one name per column, or an empty list for no header
     * @throws IllegalArgumentException when an argument is null, a name contains a line
     *     break, the name count differs from the column count, or the matrix has rows but no
     *     columns
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, DMatrixRMaj matrix, List<String> columnNames) throws IOException {
        Arguments.requireNonNull(file, "file");
        Arguments.requireNonNull(matrix, "matrix");
        Arguments.requireNonNull(columnNames, "columnNames");
        if (!columnNames.isEmpty() && columnNames.size() != matrix.numCols) {
            throw new IllegalArgumentException(String.format(
                    "columnNames has %d names but matrix has %d columns", columnNames.size(), matrix.numCols));
        }
        if (matrix.numCols == 0 && matrix.numRows > 0) {
            throw new IllegalArgumentException(String.format(
                    "matrix is %dx0; a CSV file cannot hold rows without columns", matrix.numRows));
        }
        for (String name : columnNames) {
            Arguments.requireNonNull(name, "column name");
            if (name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("column name '" + name + "' contains a line break; expected one line");
            }
        }

        AtomicFiles.write(file, out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            if (!columnNames.isEmpty()) {
                for (int j = 0; j < columnNames.size(); j++) {
                    writer.write(j == 0 ? "" : ",");
                    writer.write(quoteIfNeeded(columnNames.get(j)));
                }
                writer.write('\n');
            }
            int cols = matrix.numCols;
            for (int i = 0; i < matrix.numRows; i++) {
                for (int j = 0; j < cols; j++) {
                    if (j > 0) {
                        writer.write(',');
                    }
                    writer.write(Double.toString(matrix.data[i * cols + j]));
                }
                writer.write('\n');
            }
            writer.flush();
        });
    }

    private static String quoteIfNeeded(String name) {
        boolean plain = name.indexOf(',') < 0 && name.indexOf('"') < 0 && name.equals(name.strip());
        return plain ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads a numeric CSV file.
     *
     * @param file the CSV file
     * @param hasHeader true when the first non-blank line contains column names
     * @return the column names (empty without a header) and the values, with 0 rows when the
     *     file has no data lines
     * @throws IllegalArgumentException when a field is not a number, the rows differ in
     *     length, or the header length differs from the rows
     * @throws IOException when the file cannot be read
     */
    public static CsvTable read(Path file, boolean hasHeader) throws IOException {
        Arguments.requireNonNull(file, "file");
        List<String> names = List.of();
        List<double[]> rows = new ArrayList<>();
        int cols = -1;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNumber = 0;
            boolean headerPending = hasHeader;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> fields = splitFields(line, file, lineNumber);
                if (headerPending) {
                    names = fields;
                    headerPending = false;
                    continue;
                }

                // data line: every field a number, every row as long as the first
                if (cols < 0) {
                    cols = fields.size();
                    if (!names.isEmpty() && names.size() != cols) {
                        throw malformed(file, lineNumber, String.format(
                                "has %d fields but the header has %d names", cols, names.size()));
                    }
                } else if (fields.size() != cols) {
                    throw malformed(file, lineNumber, String.format(
                            "has %d fields; expected %d like the first data line", fields.size(), cols));
                }
                double[] row = new double[cols];
                for (int j = 0; j < cols; j++) {
                    row[j] = parseValue(fields.get(j), file, lineNumber, j + 1);
                }
                rows.add(row);
            }
        }

        int columnCount = cols >= 0 ? cols : names.size();
        DMatrixRMaj values = new DMatrixRMaj(rows.size(), columnCount);
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, values.data, i * columnCount, columnCount);
        }
        return new CsvTable(names, values);
    }

    /**
     * Reads a numeric CSV file as a matrix.
     *
     * @param file the CSV file
     * @param hasHeader true when the first non-blank line contains column names, which are skipped
     * @return the values
     * @throws IllegalArgumentException as for {@link #read}
     * @throws IOException when the file cannot be read
     */
    public static DMatrixRMaj readMatrix(Path file, boolean hasHeader) throws IOException {
        return read(file, hasHeader).values();
    }

    private static double parseValue(String field, Path file, int line, int column) {
        String text = field.strip();
        switch (text.toLowerCase(Locale.ROOT)) {
            case "nan", "+nan", "-nan":
                return Double.NaN;
            case "inf", "+inf", "infinity", "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        // Double.parseDouble would also accept Java literal suffixes such as 1.5d or 2f
        boolean suffixed = !text.isEmpty() && Character.isLetter(text.charAt(text.length() - 1));
        if (!suffixed) {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                // reported below with the file, line and column
            }
        }
        throw malformed(file, line, String.format("has '%s' in column %d; expected a number", field, column));
    }

    /** Splits one line at commas, honouring RFC 4180 quotes within the line. */
    private static List<String> splitFields(String line, Path file, int lineNumber) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.toString().isBlank()) {
                field.setLength(0);
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
            i++;
        }
        if (quoted) {
            throw malformed(file, lineNumber, "has an unterminated quoted field");
        }
        fields.add(field.toString());
        return fields;
    }

    private static IllegalArgumentException malformed(Path file, int line, String problem) {
        return new IllegalArgumentException("invalid CSV file " + file + ": line " + line + " " + problem);
    }
}
