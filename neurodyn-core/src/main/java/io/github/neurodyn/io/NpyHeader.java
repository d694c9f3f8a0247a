package io.github.neurodyn.io;

import io.github.neurodyn.api.Arguments;
import java.nio.ByteOrder;

/**
 * Parsed header of an NPY file holding float64 data: format version, byte order, memory
 * order and shape.
 *
 * @param majorVersion format major version, 1 or 2 (2 has a 4-byte header length field)
 * @param minorVersion format minor version, 0
 * @param byteOrder byte order of the data, from {@code descr} {@code '<f8'} or {@code '>f8'}
 * @param fortranOrder true when a 2-D array is stored column by column
 * @param shape the array shape, of length 1 or 2
 * @param dataOffset offset of the first data byte from the start of the file, in bytes
 */
public record NpyHeader(
        int majorVersion, int minorVersion, ByteOrder byteOrder, boolean fortranOrder, long[] shape, long dataOffset) {

    /**
     * Validates and copies the shape.
     *
     * @param majorVersion format major version, 1 or 2 (2 has a 4-byte header length field)
     * @param minorVersion format minor version, 0
     * @param byteOrder byte order of the data, from {@code descr} {@code '<f8'} or {@code '>f8'}
     * @param fortranOrder true when a 2-D array is stored column by column
     * @param shape the array shape, of length 1 or 2
     * @param dataOffset offset of the first data byte from the start of the file, in bytes
     *
     * @throws IllegalArgumentException when the byte order or shape is null
     */
    public NpyHeader {
        Arguments.requireNonNull(byteOrder, "byteOrder");
        shape = Arguments.requireNonNull(shape, "shape").clone();
    }

    /** @return a copy of the shape */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** @return the number of array elements, the product of the shape */
    public long elementCount() {
        long count = 1;
        for (long dimension : shape) {
            count *= dimension;
        }
        return count;
    }
}
