package io.github.neurodyn.io;

import static io.github.neurodyn.io.NpyTest.assertBitsEqual;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {

    @TempDir
    Path directory;

    private final Random random = new Random(7);

    @Test
    void valuesRoundTripBitForBit() throws IOException {
        double[] special = {
            0.0, -0.0, Double.MIN_VALUE, Double.MIN_NORMAL, -Double.MAX_VALUE, Double.NaN,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.1, 1.0 / 3.0, 1e-310, 123456789.123456789,
        };
        DMatrixRMaj matrix = new DMatrixRMaj(40, 6);
        for (int k = 0; k < matrix.data.length; k++) {
            matrix.data[k] = k < special.length ? special[k]
                    : Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL) * (random.nextBoolean() ? 1 : -1);
        }
        Path file = directory.resolve("m.csv");

        Csv.write(file, matrix);
        DMatrixRMaj read = Csv.readMatrix(file, false);

        assertEquals(40, read.numRows, "rows");
        assertEquals(6, read.numCols, "columns");
        assertBitsEqual(matrix.data, read.data, "csv round trip");
    }

    @Test
    void headerRoundTripsWithQuoting() throws IOException {
        List<String> names = List.of("time_ms", "a,b", "say \"hi\"", " padded ");
        DMatrixRMaj matrix = new DMatrixRMaj(new double[][] {{0, 1, 2, 3}, {1, -1, 0.5, 1e300}});
        Path file = directory.resolve("h.csv");

        Csv.write(file, matrix, names);
        CsvTable table = Csv.read(file, true);

        assertEquals(names, table.columnNames(), "names");
        assertBitsEqual(matrix.data, table.values().data, "values");
        String firstLine = Files.readAllLines(file).get(0);
        assertEquals("time_ms,\"a,b\",\"say \"\"hi\"\"\",\" padded \"", firstLine, "header line");
    }

    @Test
    void numpyStyleTextIsRead() throws IOException {
        Path file = directory.resolve("np.csv");
        Files.writeString(file, "x, y ,z\r\n1.5, nan ,INF\r\n\r\n-inf,2e3, -0.0 \r\n\n", StandardCharsets.UTF_8);
        CsvTable table = Csv.read(file, true);
        DMatrixRMaj values = table.values();
        assertEquals(List.of("x", " y ", "z"), table.columnNames(), "header fields kept as written");
        assertEquals(2, values.numRows, "blank lines skipped");
        assertTrue(Double.isNaN(values.get(0, 1)), "nan");
        assertEquals(Double.POSITIVE_INFINITY, values.get(0, 2), "INF");
        assertEquals(Double.NEGATIVE_INFINITY, values.get(1, 0), "-inf");
        assertEquals(2000.0, values.get(1, 1), 0.0, "2e3");
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(values.get(1, 2)), "-0.0");
    }

    @Test
    void headerOnlyGivesZeroRows() throws IOException {
        Path file = directory.resolve("empty.csv");
        Csv.write(file, new DMatrixRMaj(0, 3), List.of("x", "y", "z"));
        CsvTable table = Csv.read(file, true);
        assertEquals(0, table.values().numRows, "rows");
        assertEquals(3, table.values().numCols, "columns from the header");
    }

    @Test
    void malformedFilesNameLineAndProblem() throws IOException {
        Object[][] cases = {
            {"not a number", "1,2\n3,abc\n", false, "line 2 has 'abc' in column 2; expected a number"},
            {"java suffix", "1.5d\n", false, "line 1 has '1.5d' in column 1"},
            {"empty field", "1,,3\n", false, "line 1 has '' in column 2"},
            {"ragged row", "1,2\n3,4,5\n", false, "line 2 has 3 fields; expected 2"},
            {"header mismatch", "a,b,c\n1,2\n", true, "line 2 has 2 fields but the header has 3 names"},
            {"unterminated quote", "\"a,b\n1\n", true, "line 1 has an unterminated quoted field"},
        };
        for (Object[] c : cases) {
            Path file = directory.resolve("bad.csv");
            Files.writeString(file, (String) c[1], StandardCharsets.UTF_8);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Csv.read(file, (Boolean) c[2]), (String) c[0]);
            assertTrue(e.getMessage().contains(file.toString()), c[0] + " names the file: " + e.getMessage());
            assertTrue(e.getMessage().contains((String) c[3]), c[0] + ": " + e.getMessage());
        }
    }

    @Test
    void badWriteArgumentsAreRejected() {
        Path file = directory.resolve("w.csv");
        Object[][] cases = {
            {"rows without columns", "a CSV file cannot hold rows without columns",
                (Executable) () -> Csv.write(file, new DMatrixRMaj(3, 0))},
            {"name count", "columnNames has 1 names but matrix has 2 columns",
                (Executable) () -> Csv.write(file, new DMatrixRMaj(1, 2), List.of("x"))},
            {"line break in name", "contains a line break",
                (Executable) () -> Csv.write(file, new DMatrixRMaj(1, 1), List.of("a\nb"))},
            {"null matrix", "matrix must not be null", (Executable) () -> Csv.write(file, null)},
        };
        for (Object[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, (Executable) c[2], (String) c[0]);
            assertTrue(e.getMessage().contains((String) c[1]), c[0] + ": " + e.getMessage());
        }
        assertTrue(Files.notExists(file), "no file after rejected writes");
    }
}
