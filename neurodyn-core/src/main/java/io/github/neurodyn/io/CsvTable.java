package io.github.neurodyn.io;

import io.github.neurodyn.api.Arguments;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Numeric table read from a CSV file: optional column names and the values, one matrix row
 * per data line. The matrix is copied on construction and on access.
 *
 * @param columnNames the header fields, or an empty list when the file had no header
 * @param values the data, one row per line
 */
public record CsvTable(List<String> columnNames, DMatrixRMaj values) {

    /**
     * Validates and copies the table.
     *
     * @param columnNames the header fields, or an empty list when the file had no header
     * @param values the data, one row per line
     *
     * @throws IllegalArgumentException when an argument is null, or the header is present and
     *     its length differs from the column count
     */
    public CsvTable {
        columnNames = List.copyOf(Arguments.requireNonNull(columnNames, "columnNames"));
        values = Arguments.requireNonNull(values, "values").copy();
        if (!columnNames.isEmpty() && columnNames.size() != values.numCols) {
            throw new IllegalArgumentException(String.format(
                    "columnNames has %d names but values has %d columns", columnNames.size(), values.numCols));
        }
    }

    /** @return a copy of the values */
    @Override
    public DMatrixRMaj values() {
        return values.copy();
    }
}
