package io.github.neurodyn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {

    private static final double[] SPECIAL_VALUES = {
        0.0, -0.0, Double.MIN_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, Double.NaN,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.1, 1.0 / 3.0, Math.PI, -1e-310,
    };

    @TempDir
    Path directory;

    private final Random random = new Random(42);

    @Test
    void matrixRoundTripsInEveryLayout() throws IOException {
        DMatrixRMaj matrix = randomMatrix(5, 3);
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            for (boolean fortran : new boolean[] {false, true}) {
                for (int version = 1; version <= 2; version++) {
                    NpyFormat format = new NpyFormat(order, fortran, version);
                    Path file = directory.resolve("m-" + order + "-" + fortran + "-" + version + ".npy");

                    Npy.write(file, matrix, format);
                    DMatrixRMaj read = Npy.readMatrix(file);
                    NpyHeader header = Npy.readHeader(file);

                    assertEquals(5, read.numRows, "rows for " + format);
                    assertEquals(3, read.numCols, "columns for " + format);
                    assertBitsEqual(matrix.data, read.data, format.toString());
                    assertEquals(order, header.byteOrder(), "byte order for " + format);
                    assertEquals(fortran, header.fortranOrder(), "fortran_order for " + format);
                    assertEquals(version, header.majorVersion(), "version for " + format);
                    assertEquals(0, header.dataOffset() % 64, "data alignment for " + format);
                }
            }
        }
    }

    @Test
    void vectorRoundTrips() throws IOException {
        Path file = directory.resolve("v.npy");
        Npy.write(file, SPECIAL_VALUES);
        assertBitsEqual(SPECIAL_VALUES, Npy.readVector(file), "vector");
        assertArrayEquals(new long[] {SPECIAL_VALUES.length}, Npy.readHeader(file).shape(), "shape");
    }

    @Test
    void vectorReadsAsColumnMatrix() throws IOException {
        Path file = directory.resolve("v.npy");
        Npy.write(file, new double[] {1, 2, 3});
        DMatrixRMaj matrix = Npy.readMatrix(file);
        assertEquals(3, matrix.numRows, "rows");
        assertEquals(1, matrix.numCols, "columns");
        assertEquals(2.0, matrix.get(1, 0), 0.0, "middle value");
    }

    @Test
    void singleRowAndColumnReadAsVectors() throws IOException {
        Path row = directory.resolve("row.npy");
        Path column = directory.resolve("column.npy");
        Npy.write(row, new DMatrixRMaj(new double[][] {{1, 2, 3}}));
        Npy.write(column, new DMatrixRMaj(new double[][] {{4}, {5}}), new NpyFormat(ByteOrder.BIG_ENDIAN, true, 1));
        assertArrayEquals(new double[] {1, 2, 3}, Npy.readVector(row), 0.0, "row");
        assertArrayEquals(new double[] {4, 5}, Npy.readVector(column), 0.0, "column");
    }

    @Test
    void emptyShapesRoundTrip() throws IOException {
        int[][] shapes = {{0, 3}, {3, 0}, {0, 0}, {1, 1}};
        for (int[] shape : shapes) {
            for (boolean fortran : new boolean[] {false, true}) {
                Path file = directory.resolve("e" + shape[0] + "x" + shape[1] + fortran + ".npy");
                DMatrixRMaj matrix = randomMatrix(shape[0], shape[1]);
                Npy.write(file, matrix, new NpyFormat(ByteOrder.LITTLE_ENDIAN, fortran, 1));
                DMatrixRMaj read = Npy.readMatrix(file);
                assertEquals(shape[0], read.numRows, "rows of " + file.getFileName());
                assertEquals(shape[1], read.numCols, "columns of " + file.getFileName());
                assertBitsEqual(matrix.data, read.data, file.getFileName().toString());
            }
        }
        Path empty = directory.resolve("empty-vector.npy");
        Npy.write(empty, new double[0]);
        assertEquals(0, Npy.readVector(empty).length, "empty vector length");
    }

    @Test
    void defaultHeaderMatchesNumpyLayout() throws IOException {
        Path file = directory.resolve("h.npy");
        Npy.write(file, new DMatrixRMaj(2, 3));
        byte[] bytes = Files.readAllBytes(file);
        int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
        String header = new String(bytes, 10, headerLength, StandardCharsets.ISO_8859_1);
        assertEquals(1, bytes[6], "major version");
        assertEquals(0, bytes[7], "minor version");
        assertEquals(128, 10 + headerLength, "data offset, as numpy writes it");
        assertTrue(header.startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }"), header);
        assertTrue(header.endsWith(" \n"), "space padding and final newline");
        assertEquals(128 + 6 * 8, bytes.length, "file length");
    }

    @Test
    void fortranOrderStoresColumnsFirst() throws IOException {
        Path file = directory.resolve("f.npy");
        DMatrixRMaj matrix = new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}});
        Npy.write(file, matrix, new NpyFormat(ByteOrder.LITTLE_ENDIAN, true, 1));
        ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(file), 128, 32).slice().order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1.0, data.getDouble(0), 0.0, "(0, 0) first");
        assertEquals(3.0, data.getDouble(8), 0.0, "(1, 0) second");
        assertEquals(2.0, data.getDouble(16), 0.0, "(0, 1) third");
    }

    @Test
    void olderSixteenByteAlignmentIsAccepted() throws IOException {
        Path file = write("old.npy", npy(1, 0, "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", 16, 2));
        assertArrayEquals(new double[] {0, 1}, Npy.readVector(file), 0.0, "values");
    }

    @Test
    void headerVariantsAreAccepted() throws IOException {
        String[] dicts = {
            "{\"descr\": \">f8\", \"shape\": (2L,), \"fortran_order\": True}",
            "{'shape':(2,),'fortran_order':False,'descr':'<f8'}",
        };
        for (String dict : dicts) {
            Path file = write("variant.npy", npy(1, 0, dict, 64, 2));
            assertEquals(2, Npy.readVector(file).length, dict);
        }
    }

    @Test
    void malformedFilesNameFileAndProblem() throws IOException {
        String good = "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }";
        byte[] valid = npy(1, 0, good, 64, 2);
        Object[][] cases = {
            {"bad magic", replace(valid, 1, (byte) 'X'), "NPY magic string"},
            {"empty file", new byte[0], "ends inside the magic string"},
            {"version 3.0", npy(3, 0, good, 64, 2), "unsupported format version 3.0"},
            {"version 1.1", npy(1, 1, good, 64, 2), "unsupported format version 1.1"},
            {"float32", npy(1, 0, good.replace("<f8", "<f4"), 64, 2), "unsupported dtype '<f4'"},
            {"missing shape", npy(1, 0, "{'descr': '<f8', 'fortran_order': False, }", 64, 0), "no header key 'shape'"},
            {"extra key", npy(1, 0, good.replace("}", "'units': 'm', }"), 64, 2), "unexpected header key 'units'"},
            {"duplicate key", npy(1, 0, good.replace("}", "'descr': '<f8', }"), 64, 2), "key 'descr' twice"},
            {"fortran_order string", npy(1, 0, good.replace("False", "'no'"), 64, 2), "expected True or False"},
            {"3-D shape", npy(1, 0, good.replace("(2,)", "(1, 1, 2)"), 64, 2), "3-D shape (1, 1, 2)"},
            {"0-D shape", npy(1, 0, good.replace("(2,)", "()"), 64, 1), "0-D shape"},
            {"negative dimension", npy(1, 0, good.replace("(2,)", "(-2,)"), 64, 0), "expected a non-negative integer"},
            {"truncated data", npy(1, 0, good, 64, 1), "is truncated: shape (2,) needs 16 data bytes, found 8"},
            {"trailing bytes", npy(1, 0, good, 64, 3), "8 bytes after the data"},
            {"misaligned data", npy(1, 0, good, 4, 2), "padded to a multiple of 16 bytes"},
            {"no newline", replace(valid, dataOffset(valid) - 1, (byte) ' '), "does not end with a newline"},
            {"junk in padding", replace(valid, dataOffset(valid) - 2, (byte) 'x'), "the character 'x' at header position"},
            {"header beyond file", replace(npy(1, 0, good, 64, 2), 9, (byte) 0x7f), "declares a header of"},
            {"unterminated dict", npy(1, 0, "{'descr': '<f8'", 64, 0), "expected ',' or '}'"},
        };
        for (Object[] c : cases) {
            Path file = write("bad.npy", (byte[]) c[1]);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npy.readMatrix(file),
                    (String) c[0]);
            assertTrue(e.getMessage().contains(file.toString()), c[0] + " names the file: " + e.getMessage());
            assertTrue(e.getMessage().contains((String) c[2]), c[0] + ": " + e.getMessage());
        }
    }

    @Test
    void matrixFileIsNotAVector() throws IOException {
        Path file = directory.resolve("m.npy");
        Npy.write(file, new DMatrixRMaj(2, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npy.readVector(file));
        assertTrue(e.getMessage().contains("shape (2, 3) is not a vector"), e.getMessage());
    }

    @Test
    void badWriteArgumentsAreRejected() {
        Path file = directory.resolve("x.npy");
        assertThrows(IllegalArgumentException.class, () -> Npy.write(file, (DMatrixRMaj) null), "null matrix");
        assertThrows(IllegalArgumentException.class, () -> Npy.write(null, new double[1]), "null file");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NpyFormat(ByteOrder.LITTLE_ENDIAN, false, 3));
        assertEquals("majorVersion must be 1 or 2, found 3", e.getMessage());
    }

    @Test
    void writeLeavesNoTemporaryFile() throws IOException {
        Path file = directory.resolve("only.npy");
        Npy.write(file, new double[] {1});
        Npy.write(file, new double[] {2});
        try (var listing = Files.list(directory)) {
            assertEquals(1, listing.count(), "files in the directory");
        }
        assertEquals(2.0, Npy.readVector(file)[0], 0.0, "replaced value");
    }

    // ---------------------------------------------------------------- helpers

    private DMatrixRMaj randomMatrix(int rows, int cols) {
        DMatrixRMaj matrix = new DMatrixRMaj(rows, cols);
        for (int k = 0; k < matrix.data.length; k++) {
            matrix.data[k] = k < SPECIAL_VALUES.length ? SPECIAL_VALUES[k] : random.nextGaussian();
        }
        return matrix;
    }

    static void assertBitsEqual(double[] expected, double[] actual, String context) {
        assertEquals(expected.length, actual.length, "length, " + context);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]),
                    "bits of element " + i + " (" + expected[i] + "), " + context);
        }
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = directory.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private static int dataOffset(byte[] versionOneFile) {
        return 10 + ((versionOneFile[8] & 0xff) | (versionOneFile[9] & 0xff) << 8);
    }

    private static byte[] replace(byte[] bytes, int index, byte value) {
        byte[] copy = bytes.clone();
        copy[index] = value;
        return copy;
    }

    /**
     * Builds an NPY file by hand: the dict padded with spaces and a newline so the data starts
     * at a multiple of {@code alignment}, then {@code values} little-endian doubles 0, 1, 2, ...
     */
    private static byte[] npy(int major, int minor, String dict, int alignment, int values) {
        int lengthBytes = major == 1 ? 2 : 4;
        int prefix = 8 + lengthBytes;
        int unpadded = prefix + dict.length() + 1;
        int padding = (alignment - unpadded % alignment) % alignment;
        if (alignment == 4) {
            // force an offset that is a multiple of 4 but not of 16
            padding = (16 - unpadded % 16) % 16 + 4;
        }
        String header = dict + " ".repeat(padding) + "\n";
        ByteBuffer buffer = ByteBuffer.allocate(prefix + header.length() + 8 * values).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, (byte) minor});
        if (lengthBytes == 2) {
            buffer.putShort((short) header.length());
        } else {
            buffer.putInt(header.length());
        }
        buffer.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (int i = 0; i < values; i++) {
            buffer.putDouble(i);
        }
        return buffer.array();
    }
}
