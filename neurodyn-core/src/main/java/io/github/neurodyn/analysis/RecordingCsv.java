package io.github.neurodyn.analysis;

import io.github.neurodyn.api.Arguments;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads and writes a {@link Recording} as CSV text.
 *
 * <p>Format: a header line {@code condition,time_ms,<neuron>,<neuron>,...} with at least one
 * neuron column and unique names, then one line per condition and time bin. The
 * {@code condition} field is a label (any text without commas or quotes), {@code time_ms}
 * the bin time in milliseconds and every other field a finite decimal number. Rows may come
 * in any order; conditions keep the order of their first row and each condition's bins are
 * sorted by time. Blank lines are skipped.
 *
 * <p>Every other deviation raises a {@link MalformedDataException} naming the source, line
 * and column: a missing or wrong header, a row with more or fewer fields than the header, a
 * field that is not a number or not finite, a quoted field, a condition and time given
 * twice, and conditions whose time bins differ. No row is dropped silently.
 */
public final class RecordingCsv {

    /** Name of the first header column. */
    public static final String CONDITION_COLUMN = "condition";
    /** Name of the second header column, the bin time in milliseconds. */
    public static final String TIME_COLUMN = "time_ms";

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private RecordingCsv() {
    }

    /**
     * Reads a recording from a UTF-8 CSV file. Error messages name the file by its file name.
     *
     * @param file the CSV file
     * @return the recording
     * @throws MalformedDataException when the content does not follow the format
     * @throws UncheckedIOException when the file cannot be read
     */
    public static Recording read(Path file) {
        Arguments.requireNonNull(file, "file");
        String source = file.getFileName() != null ? file.getFileName().toString() : file.toString();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, source);
        } catch (NoSuchFileException ex) {
            throw new UncheckedIOException("cannot read " + file + ": file not found", ex);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Reads a recording from CSV text.
     *
     * @param reader the text; read to its end but not closed
     * @param source label of the input used in error messages, usually its file name
     * @return the recording
     * @throws MalformedDataException when the content does not follow the format
     * @throws UncheckedIOException when reading fails
     */
    public static Recording read(Reader reader, String source) {
        Arguments.requireNonNull(reader, "reader");
        Arguments.requireNonNull(source, "source");
        BufferedReader lines = reader instanceof BufferedReader buffered ? buffered : new BufferedReader(reader);
        try {
            return new Parser(source).parse(lines);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + source + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Writes a recording in the format that {@link #read(Reader, String)} accepts, one line per
     * condition and time bin, with numbers in {@link Double#toString(double)} form so that
     * they read back to the same doubles.
     *
     * @param recording the recording; its labels and names must not contain commas, quotes or
     *     line breaks
     * @param out destination; flushed but not closed
     * @throws IllegalArgumentException when a label or name cannot be written unquoted
     * @throws IOException when writing fails
     */
    public static void write(Recording recording, Writer out) throws IOException {
        Arguments.requireNonNull(recording, "recording");
        Arguments.requireNonNull(out, "out");
        StringBuilder line = new StringBuilder(CONDITION_COLUMN).append(',').append(TIME_COLUMN);
        for (String name : recording.neuronNames()) {
            line.append(',').append(requireWritable(name, "neuron name"));
        }
        out.write(line.append('\n').toString());
        double[] times = recording.timesMs();
        for (int c = 0; c < recording.conditionCount(); c++) {
            String label = requireWritable(recording.conditions().get(c), "condition label");
            for (int t = 0; t < times.length; t++) {
                line.setLength(0);
                line.append(label).append(',').append(times[t]);
                for (int n = 0; n < recording.neuronCount(); n++) {
                    line.append(',').append(recording.rate(c, t, n));
                }
                out.write(line.append('\n').toString());
            }
        }
        out.flush();
    }

    private static String requireWritable(String text, String kind) {
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            throw new IllegalArgumentException(String.format(
                    "%s '%s' contains a comma, quote or line break, which this CSV format cannot represent", kind, text));
        }
        return text;
    }

    /** One data row: where it was read and its neuron values. */
    private record Row(int line, double[] values) {
    }

    /** Parsing state for one input. */
    private static final class Parser {

        private final String source;
        private List<String> neuronNames;
        private final Map<String, TreeMap<Double, Row>> byCondition = new LinkedHashMap<>();

        Parser(String source) {
            this.source = source;
        }

        Recording parse(BufferedReader lines) throws IOException {
            // Header: condition, time_ms, then unique neuron names.
            String header = lines.readLine();
            if (header == null || header.isBlank()) {
                throw error(1, MalformedDataException.NONE, (header == null ? "the file is empty" : "line 1 is blank")
                        + "; expected the header " + CONDITION_COLUMN + "," + TIME_COLUMN + ",<neuron>,...");
            }
            if (header.charAt(0) == BYTE_ORDER_MARK) {
                header = header.substring(1);
            }
            parseHeader(header);

            // Data rows, keyed by condition and time so that repeats are caught.
            int lineNumber = 1;
            for (String text = lines.readLine(); text != null; text = lines.readLine()) {
                lineNumber++;
                if (!text.isBlank()) {
                    parseRow(text, lineNumber);
                }
            }
            if (byCondition.isEmpty()) {
                throw error(1, MalformedDataException.NONE, "the header is not followed by any data row");
            }
            return assemble();
        }

        private void parseHeader(String header) {
            String[] fields = split(header, 1);
            if (!fields[0].trim().equals(CONDITION_COLUMN)) {
                throw error(1, 1, "the header starts with '" + fields[0].trim() + "'; expected '"
                        + CONDITION_COLUMN + "' (the header line is required)");
            }
            if (fields.length < 2 || !fields[1].trim().equals(TIME_COLUMN)) {
                throw error(1, 2, "the second header column is "
                        + (fields.length < 2 ? "missing" : "'" + fields[1].trim() + "'") + "; expected '"
                        + TIME_COLUMN + "'");
            }
            if (fields.length < 3) {
                throw error(1, 3, "the header has no neuron column; expected at least one after " + TIME_COLUMN);
            }
            Set<String> seen = new HashSet<>();
            neuronNames = new ArrayList<>();
            for (int k = 2; k < fields.length; k++) {
                String name = fields[k].trim();
                if (name.isEmpty()) {
                    throw error(1, k + 1, "the neuron column name is empty; expected a name");
                }
                if (!seen.add(name)) {
                    throw error(1, k + 1, "the neuron column name '" + name + "' appears twice; expected unique names");
                }
                neuronNames.add(name);
            }
        }

        private void parseRow(String text, int line) {
            String[] fields = split(text, line);
            int expected = neuronNames.size() + 2;
            if (fields.length != expected) {
                int column = Math.min(fields.length, expected) + 1;
                throw error(line, column, String.format(
                        "the row has %d fields, expected %d as in the header", fields.length, expected));
            }
            String condition = fields[0].trim();
            if (condition.isEmpty()) {
                throw error(line, 1, "the condition label is empty; expected a label");
            }
            double time = parseNumber(fields[1], line, 2, TIME_COLUMN);
            double[] values = new double[neuronNames.size()];
            for (int n = 0; n < values.length; n++) {
                values[n] = parseNumber(fields[n + 2], line, n + 3, neuronNames.get(n));
            }
            TreeMap<Double, Row> rows = byCondition.computeIfAbsent(condition, key -> new TreeMap<>());
            Row previous = rows.putIfAbsent(time, new Row(line, values));
            if (previous != null) {
                throw error(line, 2, String.format(
                        "condition '%s' at time_ms %s was already given at line %d; expected one row per condition and time",
                        condition, time, previous.line()));
            }
        }

        private Recording assemble() {
            // Every condition must have exactly the time bins of the first one.
            Map.Entry<String, TreeMap<Double, Row>> first = byCondition.entrySet().iterator().next();
            Set<Double> reference = first.getValue().keySet();
            for (Map.Entry<String, TreeMap<Double, Row>> entry : byCondition.entrySet()) {
                checkSameTimes(entry.getKey(), entry.getValue(), first.getKey(), first.getValue(), reference);
            }

            double[] times = new double[reference.size()];
            int t = 0;
            for (double time : reference) {
                times[t++] = time;
            }
            List<String> conditions = new ArrayList<>(byCondition.keySet());
            double[][][] rates = new double[conditions.size()][][];
            for (int c = 0; c < conditions.size(); c++) {
                rates[c] = byCondition.get(conditions.get(c)).values().stream().map(Row::values).toArray(double[][]::new);
            }
            return Recording.of(conditions, neuronNames, times, rates);
        }

        private void checkSameTimes(String condition, TreeMap<Double, Row> rows, String referenceCondition,
                TreeMap<Double, Row> referenceRows, Set<Double> reference) {
            for (Map.Entry<Double, Row> row : rows.entrySet()) {
                if (!reference.contains(row.getKey())) {
                    throw error(row.getValue().line(), 2, String.format(
                            "condition '%s' has time_ms %s, but condition '%s' has no such bin; "
                            + "expected the same time bins for every condition",
                            condition, row.getKey(), referenceCondition));
                }
            }
            for (Map.Entry<Double, Row> bin : referenceRows.entrySet()) {
                if (!rows.containsKey(bin.getKey())) {
                    int firstLine = rows.values().stream().mapToInt(Row::line).min().orElse(MalformedDataException.NONE);
                    throw error(firstLine, 2, String.format(
                            "condition '%s' (first row here) has no row for time_ms %s, which condition '%s' has "
                            + "at line %d; expected the same time bins for every condition",
                            condition, bin.getKey(), referenceCondition, bin.getValue().line()));
                }
            }
        }

        private String[] split(String text, int line) {
            int quote = text.indexOf('"');
            if (quote >= 0) {
                int column = 1 + (int) text.substring(0, quote).chars().filter(ch -> ch == ',').count();
                throw error(line, column, "the field is quoted; quoted fields are not supported, "
                        + "so write labels without commas or quotes");
            }
            return text.split(",", -1);
        }

        private double parseNumber(String field, int line, int column, String name) {
            String trimmed = field.trim();
            double value;
            try {
                value = Double.parseDouble(trimmed);
            } catch (NumberFormatException ex) {
                throw error(line, column, String.format("%s is '%s', which is not a number", name, trimmed));
            }
            if (!Double.isFinite(value)) {
                throw error(line, column, String.format("%s is %s; expected a finite number", name, trimmed));
            }
            return value;
        }

        private MalformedDataException error(int line, int column, String problem) {
            return new MalformedDataException(source, line, column, problem);
        }
    }
}
