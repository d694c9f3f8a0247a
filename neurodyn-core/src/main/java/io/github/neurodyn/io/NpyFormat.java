package io.github.neurodyn.io;

import io.github.neurodyn.api.Arguments;
import java.nio.ByteOrder;

/**
 * Layout that {@link Npy} writes: byte order, memory order and format version.
 *
 * @param byteOrder byte order of the data, written as {@code descr} {@code '<f8'} or
 *     {@code '>f8'}
 * @param fortranOrder true to store a 2-D array column by column ({@code fortran_order: True})
 * @param majorVersion 1 for a 2-byte header length field, 2 for a 4-byte field
 */
public record NpyFormat(ByteOrder byteOrder, boolean fortranOrder, int majorVersion) {

    /** Little-endian, C (row-major) order, version 1.0: what {@code numpy.save} writes for float64. */
    public static final NpyFormat DEFAULT = new NpyFormat(ByteOrder.LITTLE_ENDIAN, false, 1);

    /**
     * Validates the layout.
     *
     * @param byteOrder byte order of the data, written as {@code descr} {@code '<f8'} or
     *     {@code '>f8'}
     * @param fortranOrder true to store a 2-D array column by column ({@code fortran_order: True})
     * @param majorVersion 1 for a 2-byte header length field, 2 for a 4-byte field
     *
     * @throws IllegalArgumentException when the byte order is null or the version is not 1 or 2
     */
    public NpyFormat {
        Arguments.requireNonNull(byteOrder, "byteOrder");
        if (majorVersion != 1 && majorVersion != 2) {
            throw new IllegalArgumentException(
                    "majorVersion must be 1 or 2, found " + majorVersion);
        }
    }
}
