package io.github.neurodyn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files from other tools that lie about their size or contain surprising text. The readers must
 * raise IllegalArgumentException naming the file, never run out of memory or return a
 * half-filled matrix.
 */
class HostileFileTest {

    @TempDir
    Path dir;

    /** Builds a version 1.0 NPY file with the given header dictionary and {@code dataBytes} zero bytes. */
    private static byte[] npy(String dictionary, int dataBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        StringBuilder header = new StringBuilder(dictionary);
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        out.write(header.length() & 0xff);
        out.write(header.length() >>> 8);
        out.writeBytes(header.toString().getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[dataBytes]);
        return out.toByteArray();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    @ParameterizedTest
    @ValueSource(strings = {"(100000, 100000)", "(9223372036854775807, 2)", "(3037000500, 3037000500)",
        "(2147483647,)", "(99999999999999999999,)"})
    void hugeDeclaredShapeRaisesWithoutAllocating(String shape) throws IOException {
        Path file = write("huge.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': " + shape + ", }", 16));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Npy.readMatrix(file),
                shape);

        assertTrue(error.getMessage().contains(file.toString()), shape + ": message names the file: "
                + error.getMessage());
    }

    @Test
    void bigEndianValuesAreReadOrRejected() throws IOException {
        Path file = write("big.npy", npy("{'descr': '>f8', 'fortran_order': False, 'shape': (1,), }", 0));
        byte[] bytes = Files.readAllBytes(file);
        byte[] withValue = new byte[bytes.length + 8];
        System.arraycopy(bytes, 0, withValue, 0, bytes.length);
        long bits = Double.doubleToLongBits(1.5);
        for (int k = 0; k < 8; k++) {
            withValue[bytes.length + k] = (byte) (bits >>> (56 - 8 * k));
        }
        Files.write(file, withValue);

        try {
            double[] values = Npy.readVector(file);
            assertEquals(1.5, values[0], 0.0, "big-endian value");
        } catch (IllegalArgumentException rejected) {
            assertTrue(rejected.getMessage().contains(file.toString()), rejected.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "\n\n\n", "   \n  \n"})
    void blankCsvGivesEmptyMatrixOrNamedError(String text) throws IOException {
        Path file = dir.resolve("blank.csv");
        Files.writeString(file, text);

        try {
            DMatrixRMaj m = Csv.readMatrix(file, false);
            assertEquals(0, m.numRows, "rows of a blank file");
        } catch (IllegalArgumentException rejected) {
            assertTrue(rejected.getMessage().contains(file.toString()), rejected.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1,2\n3\n", "1;2\n3;4\n", "0x10,2\n", "1 2\n3 4\n"})
    void malformedCsvNamesFile(String text) throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, text);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Csv.readMatrix(file, false), text);

        assertTrue(error.getMessage().contains(file.toString()), text + ": " + error.getMessage());
    }

    @Test
    void blankLineInsideIsSkipped() throws IOException {
        Path file = dir.resolve("gap.csv");
        Files.writeString(file, "1,2\n3,4\n\n5,6\n");

        DMatrixRMaj m = Csv.readMatrix(file, false);

        assertEquals(3, m.numRows, "rows");
        assertEquals(6.0, m.get(2, 1), 0.0, "last value");
    }

    @Test
    void missingFileRaisesIoException() {
        assertThrows(IOException.class, () -> Csv.readMatrix(dir.resolve("absent.csv"), false), "CSV");
        assertThrows(IOException.class, () -> Npy.readMatrix(dir.resolve("absent.npy")), "NPY");
    }

    @Test
    void writeUnderRegularFileLeavesNothing() throws IOException {
        Path plain = write("plain", new byte[] {1});
        Path target = plain.resolve("m.csv");

        assertThrows(IOException.class, () -> Csv.write(target, new DMatrixRMaj(1, 1)), "CSV");
        assertThrows(IOException.class, () -> Npy.write(target, new DMatrixRMaj(1, 1)), "NPY");
        assertEquals(1, Files.size(plain), "the regular file is left alone");
    }
}
