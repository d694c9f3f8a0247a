package io.github.neurodyn.io;

import io.github.neurodyn.api.Arguments;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * Reads and writes float64 arrays in numpy's NPY format, so that matrices move between
 * neurodyn and {@code numpy.load} / {@code numpy.save} without loss.
 *
 * <p>File layout (NPY format versions 1.0 and 2.0): the magic bytes {@code \x93NUMPY}, the
 * major and minor version bytes, the header length as an unsigned little-endian integer of 2
 * bytes (version 1) or 4 bytes (version 2), then the header, an ASCII Python dict literal
 * such as {@code {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }} padded with
 * spaces and ended by a newline, and finally the raw array data.
 *
 * <p>Supported: {@code descr} {@code '<f8'} and {@code '>f8'} (float64 in either byte order),
 * C or Fortran memory order, and 1-D or 2-D shapes, including zero-length dimensions.
 * The writer pads the header so the data starts at a multiple of 64 bytes, as numpy does. The
 * reader accepts any header whose data offset is a multiple of 16 bytes, the alignment that
 * older numpy releases wrote. Reference: the {@code numpy.lib.format} module documentation.
 *
 * <p>Malformed files raise {@link IllegalArgumentException} naming the file and the problem
 * (bad magic, unsupported version or dtype, missing or unexpected header keys, bad padding,
 * truncated or over-long data). I/O failures raise {@link IOException}. Writes go to a
 * temporary file that is moved into place, so a failed write leaves no partial file.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** Data offset alignment that the writer produces, in bytes. */
    private static final int WRITE_ALIGNMENT = 64;
    /** Data offset alignment that the reader requires, in bytes. */
    private static final int READ_ALIGNMENT = 16;
    /** Largest header the reader accepts, in bytes. A float64 header needs under 200. */
    private static final int MAX_HEADER_BYTES = 1 << 20;
    /** Chunk of data moved per read or write call, in bytes. */
    private static final int CHUNK_BYTES = 1 << 16;

    private Npy() {
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads and checks the header of an NPY file without reading its data.
     *
     * @param file the NPY file
     * @return the parsed header
     * @throws IllegalArgumentException when the file is not a float64 NPY file of version 1.0
     *     or 2.0 with a 1-D or 2-D shape, or its size does not match the header
     * @throws IOException when the file cannot be read
     */
    public static NpyHeader readHeader(Path file) throws IOException {
        Arguments.requireNonNull(file, "file");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return readHeader(channel, file);
        }
    }

    /**
     * Reads a 1-D or 2-D float64 array as a matrix. A 1-D array of length n becomes an n x 1
     * column vector. Cost: one pass over the data, plus a scatter for Fortran order.
     *
     * @param file the NPY file
     * @return the matrix
     * @throws IllegalArgumentException when the file is malformed (see {@link #readHeader}) or
     *     the array has more than {@code Integer.MAX_VALUE} elements
     * @throws IOException when the file cannot be read
     */
    public static DMatrixRMaj readMatrix(Path file) throws IOException {
        Arguments.requireNonNull(file, "file");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            NpyHeader header = readHeader(channel, file);
            long[] shape = header.shape();
            toInt(header.elementCount(), file);
            int rows = (int) shape[0];
            int cols = shape.length == 2 ? (int) shape[1] : 1;
            DMatrixRMaj matrix = new DMatrixRMaj(rows, cols);
            boolean columnMajor = header.fortranOrder() && shape.length == 2;
            readData(channel, header, matrix.data, columnMajor ? rows : 0, cols, file);
            return matrix;
        }
    }

    /**
     * Reads a float64 array of shape {@code (n,)}, {@code (n, 1)} or {@code (1, n)} as a vector.
     *
     * @param file the NPY file
     * @return the n values
     * @throws IllegalArgumentException when the file is malformed (see {@link #readHeader}) or
     *     the array is 2-D with more than one row and more than one column
     * @throws IOException when the file cannot be read
     */
    public static double[] readVector(Path file) throws IOException {
        Arguments.requireNonNull(file, "file");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            NpyHeader header = readHeader(channel, file);
            long[] shape = header.shape();
            if (shape.length == 2 && shape[0] != 1 && shape[1] != 1) {
                throw malformed(file, String.format(
                        "shape (%d, %d) is not a vector; expected (n,), (n, 1) or (1, n)", shape[0], shape[1]));
            }
            double[] vector = new double[toInt(header.elementCount(), file)];
            readData(channel, header, vector, 0, 0, file);
            return vector;
        }
    }

    private static NpyHeader readHeader(FileChannel channel, Path file) throws IOException {
        long size = channel.size();

        // magic string and version
        ByteBuffer prefix = readFully(channel, 8, file, "the magic string and version");
        for (int i = 0; i < MAGIC.length; i++) {
            if (prefix.get(i) != MAGIC[i]) {
                throw malformed(file, "does not start with the NPY magic string \\x93NUMPY");
            }
        }
        int major = prefix.get(6) & 0xff;
        int minor = prefix.get(7) & 0xff;
        if ((major != 1 && major != 2) || minor != 0) {
            throw malformed(file, String.format(
                    "has unsupported format version %d.%d; expected 1.0 or 2.0", major, minor));
        }

        // header length: unsigned little-endian, 2 bytes in version 1 and 4 bytes in version 2
        int lengthBytes = major == 1 ? 2 : 4;
        ByteBuffer lengthField = readFully(channel, lengthBytes, file, "the header length").order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = major == 1 ? lengthField.getShort(0) & 0xffffL : lengthField.getInt(0) & 0xffffffffL;
        long dataOffset = 8 + lengthBytes + headerLength;
        if (headerLength > MAX_HEADER_BYTES || dataOffset > size) {
            throw malformed(file, String.format(
                    "declares a header of %d bytes but the file has only %d bytes", headerLength, size));
        }
        if (dataOffset % READ_ALIGNMENT != 0) {
            throw malformed(file, String.format(
                    "has its data at byte %d; expected the header padded to a multiple of %d bytes",
                    dataOffset, READ_ALIGNMENT));
        }

        // header dict, padded with spaces and ended by a newline
        ByteBuffer headerBytes = readFully(channel, (int) headerLength, file, "the header");
        String text = StandardCharsets.ISO_8859_1.decode(headerBytes).toString();
        NpyHeader header = parseHeader(text, major, minor, dataOffset, file);

        // data size
        long expected = header.elementCount() * Double.BYTES;
        long found = size - dataOffset;
        if (found < expected) {
            throw malformed(file, String.format(
                    "is truncated: shape %s needs %d data bytes, found %d",
                    shapeText(header.shape()), expected, found));
        }
        if (found > expected) {
            throw malformed(file, String.format(
                    "has %d bytes after the data of shape %s; expected none",
                    found - expected, shapeText(header.shape())));
        }
        return header;
    }

    private static NpyHeader parseHeader(String text, int major, int minor, long dataOffset, Path file) {
        if (text.isEmpty() || text.charAt(text.length() - 1) != '\n') {
            throw malformed(file, "has a header that does not end with a newline");
        }
        NpyHeaderParser parser = new NpyHeaderParser(text, file);
        Map<String, Object> dict = parser.parseDict();
        parser.requirePaddingOnly();

        for (String key : dict.keySet()) {
            if (!key.equals("descr") && !key.equals("fortran_order") && !key.equals("shape")) {
                throw malformed(file, "has the unexpected header key '" + key
                        + "'; expected only 'descr', 'fortran_order' and 'shape'");
            }
        }
        Object descr = required(dict, "descr", String.class, file);
        Object fortran = required(dict, "fortran_order", Boolean.class, file);
        Object shapeValue = required(dict, "shape", long[].class, file);

        ByteOrder order;
        if (descr.equals("<f8")) {
            order = ByteOrder.LITTLE_ENDIAN;
        } else if (descr.equals(">f8")) {
            order = ByteOrder.BIG_ENDIAN;
        } else {
            throw malformed(file, "has the unsupported dtype '" + descr + "'; expected '<f8' or '>f8' (float64)");
        }
        long[] shape = (long[]) shapeValue;
        if (shape.length != 1 && shape.length != 2) {
            throw malformed(file, "has the " + shape.length + "-D shape " + shapeText(shape) + "; expected 1-D or 2-D");
        }
        long count = 1;
        for (long dimension : shape) {
            if (dimension != 0 && count > Long.MAX_VALUE / Double.BYTES / dimension) {
                throw malformed(file, "has the shape " + shapeText(shape) + ", too large to address");
            }
            count *= dimension;
        }
        return new NpyHeader(major, minor, order, (Boolean) fortran, shape, dataOffset);
    }

    private static Object required(Map<String, Object> dict, String key, Class<?> type, Path file) {
        Object value = dict.get(key);
        if (value == null) {
            throw malformed(file, "has no header key '" + key + "'");
        }
        if (!type.isInstance(value)) {
            String expected = "a tuple of integers";
            if (type == String.class) {
                expected = "a string";
            } else if (type == Boolean.class) {
                expected = "True or False";
            }
            throw malformed(file, "has header key '" + key + "' of the wrong type; expected " + expected);
        }
        return value;
    }

    /**
     * Reads {@code target.length} doubles. With {@code rows > 0} the data is column-major and
     * is scattered into a row-major {@code rows x cols} array.
     */
    private static void readData(FileChannel channel, NpyHeader header, double[] target, int rows, int cols,
            Path file) throws IOException {
        channel.position(header.dataOffset());
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(header.byteOrder());
        int done = 0;
        while (done < target.length) {
            int count = Math.min(CHUNK_BYTES / Double.BYTES, target.length - done);
            chunk.clear().limit(count * Double.BYTES);
            while (chunk.hasRemaining()) {
                if (channel.read(chunk) < 0) {
                    throw new IOException("file " + file + " ended before its data was read, so it changed while being read");
                }
            }
            chunk.flip();
            DoubleBuffer values = chunk.asDoubleBuffer();
            if (rows == 0) {
                values.get(target, done, count);
            } else {
                for (int e = done; e < done + count; e++) {
                    target[(e % rows) * cols + e / rows] = values.get();
                }
            }
            done += count;
        }
    }

    private static ByteBuffer readFully(FileChannel channel, int bytes, Path file, String part) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(bytes);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw malformed(file, "ends inside " + part);
            }
        }
        buffer.flip();
        return buffer;
    }

    private static int toInt(long value, Path file) {
        if (value > Integer.MAX_VALUE) {
            throw malformed(file, "has " + value + " elements, more than a Java array can contain ("
                    + Integer.MAX_VALUE + ")");
        }
        return (int) value;
    }

    // ---------------------------------------------------------------- writing

    /**
     * Writes a matrix as a 2-D little-endian float64 array in C order, NPY version 1.0.
     *
     * @param file the target file, replaced if it exists
     * @param matrix the matrix
     * @throws IllegalArgumentException when an argument is null
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, DMatrixRMaj matrix) throws IOException {
        write(file, matrix, NpyFormat.DEFAULT);
    }

    /**
     * Writes a matrix as a 2-D float64 array in the given layout.
     *
     * @param file the target file, replaced if it exists
     * @param matrix the matrix
     * @param format byte order, memory order and version
     * @throws IllegalArgumentException when an argument is null
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, DMatrixRMaj matrix, NpyFormat format) throws IOException {
        Arguments.requireNonNull(file, "file");
        Arguments.requireNonNull(matrix, "matrix");
        Arguments.requireNonNull(format, "format");
        int rows = matrix.numRows;
        int cols = matrix.numCols;
        byte[] header = header(format, "(" + rows + ", " + cols + ")");
        AtomicFiles.write(file, out -> {
            out.write(header);
            writeData(out, matrix.data, rows * cols, format.fortranOrder() ? rows : 0, cols, format.byteOrder());
        });
    }

    /**
     * Writes a vector as a 1-D little-endian float64 array, NPY version 1.0.
     *
     * @param file the target file, replaced if it exists
     * @param vector the values
     * @throws IllegalArgumentException when an argument is null
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, double[] vector) throws IOException {
        write(file, vector, NpyFormat.DEFAULT);
    }

    /**
     * Writes a vector as a 1-D float64 array in the given layout. Memory order does not
     * change a 1-D array, but the header records it.
     *
     * @param file the target file, replaced if it exists
     * @param vector the values
     * @param format byte order, memory order and version
     * @throws IllegalArgumentException when an argument is null
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, double[] vector, NpyFormat format) throws IOException {
        Arguments.requireNonNull(file, "file");
        Arguments.requireNonNull(vector, "vector");
        Arguments.requireNonNull(format, "format");
        byte[] header = header(format, "(" + vector.length + ",)");
        AtomicFiles.write(file, out -> {
            out.write(header);
            writeData(out, vector, vector.length, 0, 0, format.byteOrder());
        });
    }

    /** Builds magic, version, length field and the padded header dict. */
    private static byte[] header(NpyFormat format, String shape) {
        String dict = "{'descr': '" + (format.byteOrder() == ByteOrder.BIG_ENDIAN ? ">" : "<") + "f8', "
                + "'fortran_order': " + (format.fortranOrder() ? "True" : "False") + ", "
                + "'shape': " + shape + ", }";
        int lengthBytes = format.majorVersion() == 1 ? 2 : 4;
        int prefix = MAGIC.length + 2 + lengthBytes;
        int unpadded = prefix + dict.length() + 1;
        int padding = (WRITE_ALIGNMENT - unpadded % WRITE_ALIGNMENT) % WRITE_ALIGNMENT;
        String text = dict + " ".repeat(padding) + "\n";
        if (lengthBytes == 2 && text.length() > 0xffff) {
            throw new IllegalArgumentException(
                    "header of " + text.length() + " bytes does not fit NPY version 1.0; use majorVersion 2");
        }

        ByteBuffer buffer = ByteBuffer.allocate(prefix + text.length()).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(MAGIC).put((byte) format.majorVersion()).put((byte) 0);
        if (lengthBytes == 2) {
            buffer.putShort((short) text.length());
        } else {
            buffer.putInt(text.length());
        }
        buffer.put(text.getBytes(StandardCharsets.ISO_8859_1));
        return buffer.array();
    }

    /**
     * Writes {@code count} doubles. With {@code rows > 0} the row-major {@code rows x cols}
     * source is written column by column.
     */
    private static void writeData(OutputStream out, double[] source, int count, int rows, int cols, ByteOrder order)
            throws IOException {
        OutputStream buffered = new BufferedOutputStream(out, CHUNK_BYTES);
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(order);
        DoubleBuffer values = chunk.asDoubleBuffer();
        int done = 0;
        while (done < count) {
            int n = Math.min(CHUNK_BYTES / Double.BYTES, count - done);
            values.clear();
            if (rows == 0) {
                values.put(source, done, n);
            } else {
                for (int e = done; e < done + n; e++) {
                    values.put(source[(e % rows) * cols + e / rows]);
                }
            }
            buffered.write(chunk.array(), 0, n * Double.BYTES);
            done += n;
        }
        buffered.flush();
    }

    // ---------------------------------------------------------------- messages

    /** Returns the exception for a malformed file, naming the file. */
    static IllegalArgumentException malformed(Path file, String problem) {
        return new IllegalArgumentException("invalid NPY file " + file + ": it " + problem);
    }

    private static String shapeText(long[] shape) {
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            text.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return text.append(shape.length == 1 ? ",)" : ")").toString();
    }
}
