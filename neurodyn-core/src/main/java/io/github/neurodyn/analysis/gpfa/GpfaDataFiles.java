package io.github.neurodyn.analysis.gpfa;

import io.github.neurodyn.analysis.MalformedDataException;
import io.github.neurodyn.api.Arguments;
import io.github.neurodyn.io.Npy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;

/**
 * Reads one long recording for GPFA from CSV or NPY.
 *
 * <p>CSV format: a header line {@code time_ms,<neuron>,<neuron>,...} with at least one
 * neuron column and unique names, then one line per time bin with the bin time in
 * milliseconds (strictly increasing) and one finite number per neuron. Blank lines are
 * skipped and quoted fields are rejected. For {@link NoiseModel#POISSON} every activity
 * field must be a non-negative integer count.
 *
 * <p>NPY format: a float64 array of shape {@code (T, N)}, time bins in rows, with bins of a
 * given width starting at time 0.
 *
 * <p>Every deviation raises a {@link MalformedDataException} naming the file, the 1-based
 * line and the 1-based column (for NPY: the 1-based row as the line and the 1-based array
 * column as the column).
 */
public final class GpfaDataFiles {

    /** Name of the first CSV header column, the bin time in milliseconds. */
    public static final String TIME_COLUMN = "time_ms";

    private GpfaDataFiles() {
    }

    /**
     * Reads a long recording from a UTF-8 CSV file. Error messages name the file by its file name.
     *
     * @param file the CSV file
     * @param noise the observation model the data will be fitted with
     * @return the data, with one segment
     * @throws MalformedDataException when the content does not follow the format
     * @throws UncheckedIOException when the file cannot be read
     */
    public static GpfaData readCsv(Path file, NoiseModel noise) {
        Arguments.requireNonNull(file, "file");
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return readCsv(reader, sourceName(file), noise);
        } catch (IOException ex) {
            throw readFailure(file.toString(), ex);
        }
    }

    /**
     * Reads a long recording from CSV text.
     *
     * @param reader the text, read to its end but not closed
     * @param source label of the input in error messages, usually its file name
     * @param noise the observation model the data will be fitted with
     * @return the data, with one segment
     * @throws MalformedDataException when the content does not follow the format
     * @throws UncheckedIOException when reading fails
     */
    public static GpfaData readCsv(Reader reader, String source, NoiseModel noise) {
        Arguments.requireNonNull(reader, "reader");
        Arguments.requireNonNull(source, "source");
        Arguments.requireNonNull(noise, "noise");
        BufferedReader lines = reader instanceof BufferedReader buffered ? buffered : new BufferedReader(reader);
        List<String> header = null;
        List<Double> times = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        try {
            String line;
            int lineNumber = 0;
            while ((line = lines.readLine()) != null) {
                lineNumber++;
                if (lineNumber == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",", -1);
                if (header == null) {
                    header = parseHeader(fields, source, lineNumber);
                    continue;
                }

                // data line: time, then one value per neuron
                if (fields.length != header.size()) {
                    throw new MalformedDataException(source, lineNumber, MalformedDataException.NONE, String.format(
                            "has %d fields; expected %d like the header", fields.length, header.size()));
                }
                double time = parseField(fields[0], source, lineNumber, 1);
                if (!times.isEmpty() && !(time > times.get(times.size() - 1))) {
                    throw new MalformedDataException(source, lineNumber, 1, String.format(
                            "time_ms %s is not after the previous bin (%s ms); expected strictly increasing times",
                            time, times.get(times.size() - 1)));
                }
                double[] row = new double[fields.length - 1];
                for (int j = 1; j < fields.length; j++) {
                    row[j - 1] = parseField(fields[j], source, lineNumber, j + 1);
                    requireObservation(row[j - 1], noise, source, lineNumber, j + 1);
                }
                times.add(time);
                rows.add(row);
            }
        } catch (IOException ex) {
            throw readFailure(source, ex);
        }

        if (header == null) {
            throw new MalformedDataException(source, MalformedDataException.NONE, MalformedDataException.NONE,
                    "is empty; expected a header time_ms,<neuron>,... and at least one data line");
        }
        if (rows.isEmpty()) {
            throw new MalformedDataException(source, MalformedDataException.NONE, MalformedDataException.NONE,
                    "has a header but no data line; expected at least one time bin");
        }
        int neurons = header.size() - 1;
        DMatrixRMaj activity = new DMatrixRMaj(rows.size(), neurons);
        double[] timesMs = new double[rows.size()];
        for (int t = 0; t < rows.size(); t++) {
            System.arraycopy(rows.get(t), 0, activity.data, t * neurons, neurons);
            timesMs[t] = times.get(t);
        }
        return GpfaData.continuous(header.subList(1, header.size()), timesMs, activity);
    }

    /**
     * Reads a long recording from an NPY file of shape {@code (T, N)}. Neurons are named
     * {@code n1, n2, ...} and bin t is at time {@code t * binWidthMs}.
     *
     * @param file the NPY file (float64)
     * @param binWidthMs width of a time bin in ms, positive
     * @param noise the observation model the data will be fitted with
     * @return the data, with one segment
     * @throws MalformedDataException when an entry is not finite, or not a count for
     *     {@link NoiseModel#POISSON}, or the array has no rows or no columns
     * @throws IllegalArgumentException when the NPY file itself is malformed
     * @throws UncheckedIOException when the file cannot be read
     */
    public static GpfaData readNpy(Path file, double binWidthMs, NoiseModel noise) {
        Arguments.requireNonNull(file, "file");
        Arguments.requirePositive(binWidthMs, "binWidthMs");
        Arguments.requireFinite(binWidthMs, "binWidthMs");
        Arguments.requireNonNull(noise, "noise");
        String source = sourceName(file);
        DMatrixRMaj activity;
        try {
            activity = Npy.readMatrix(file);
        } catch (IOException ex) {
            throw readFailure(file.toString(), ex);
        }
        if (activity.numRows == 0 || activity.numCols == 0) {
            throw new MalformedDataException(source, MalformedDataException.NONE, MalformedDataException.NONE,
                    String.format("has shape (%d, %d); expected at least one time bin and one neuron",
                            activity.numRows, activity.numCols));
        }
        for (int t = 0; t < activity.numRows; t++) {
            for (int n = 0; n < activity.numCols; n++) {
                double value = activity.get(t, n);
                // An NPY file has no text lines, so the message also gives numpy's 0-based index.
                if (!Double.isFinite(value)) {
                    throw new MalformedDataException(source, t + 1, n + 1, String.format(
                            "value %s at array index [%d, %d] is not finite; expected a finite number", value, t, n));
                }
                if (noise == NoiseModel.POISSON && !GpfaData.isCount(value)) {
                    throw new MalformedDataException(source, t + 1, n + 1, String.format("value %s at array index "
                            + "[%d, %d] is not a spike count; the Poisson model expects non-negative integers",
                            value, t, n));
                }
            }
        }
        List<String> names = GpfaData.defaultNames(activity.numCols);
        double[] timesMs = new double[activity.numRows];
        Arrays.setAll(timesMs, t -> t * binWidthMs);
        return GpfaData.continuous(names, timesMs, activity);
    }

    private static List<String> parseHeader(String[] fields, String source, int line) {
        if (!fields[0].strip().equals(TIME_COLUMN)) {
            throw new MalformedDataException(source, line, 1, String.format(
                    "header starts with '%s'; expected '%s'", fields[0].strip(), TIME_COLUMN));
        }
        if (fields.length < 2) {
            throw new MalformedDataException(source, line, MalformedDataException.NONE,
                    "header has no neuron column; expected time_ms,<neuron>,...");
        }
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < fields.length; j++) {
            String name = fields[j].strip();
            if (name.isEmpty() || name.indexOf('"') >= 0 || !seen.add(name)) {
                throw new MalformedDataException(source, line, j + 1, String.format(
                        "column name '%s' is empty, quoted or repeated; expected unique plain names", name));
            }
            names.add(name);
        }
        return names;
    }

    private static double parseField(String field, String source, int line, int column) {
        String text = field.strip();
        double value;
        try {
            // Double.parseDouble also accepts Java suffixes such as 1d or 2f, which a CSV number never has
            if (text.isEmpty() || Character.isLetter(text.charAt(text.length() - 1))) {
                throw new NumberFormatException(text);
            }
            value = Double.parseDouble(text);
        } catch (NumberFormatException ex) {
            throw new MalformedDataException(source, line, column,
                    "field '" + text + "' is not a number; expected a finite decimal number");
        }
        if (!Double.isFinite(value)) {
            throw new MalformedDataException(source, line, column,
                    "field '" + text + "' is not finite; expected a finite decimal number");
        }
        return value;
    }

    private static void requireObservation(double value, NoiseModel noise, String source, int line, int column) {
        if (noise == NoiseModel.POISSON && !GpfaData.isCount(value)) {
            throw new MalformedDataException(source, line, column, "value " + value
                    + " is not a spike count; the Poisson model expects non-negative integers");
        }
    }

    private static String sourceName(Path file) {
        return file.getFileName() != null ? file.getFileName().toString() : file.toString();
    }

    /** Wraps a read error, saying "not found" for a missing file rather than repeating its name. */
    private static UncheckedIOException readFailure(String source, IOException ex) {
        String reason = ex instanceof java.nio.file.NoSuchFileException ? "file not found" : ex.getMessage();
        return new UncheckedIOException("failed to read " + source + ": " + reason, ex);
    }
}
