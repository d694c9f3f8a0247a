package io.github.neurodyn.preparation;

import org.ejml.data.DMatrixRMaj;

/**
 * An input matrix (N x m) whose every column has exactly one nonzero entry: column k feeds
 * only neuron {@code rows[k]}, with weight {@code values[k]}. The identity and the matrices
 * of {@link Preparation.Builder#inputNeurons} have this form, and so do their scaled copies
 * {@code D^-1 B}. Products with such a matrix cost O(m) instead of O(N m).
 */
final class SelectionInput {

    private final int[] rows;
    private final double[] values;

    private SelectionInput(int[] rows, double[] values) {
        this.rows = rows;
        this.values = values;
    }

    /**
     * Returns the selection form of {@code b}, or null when a column of b has no nonzero
     * entry or more than one.
     */
    static SelectionInput of(DMatrixRMaj b) {
        int m = b.numCols;
        int[] rows = new int[m];
        double[] values = new double[m];
        for (int k = 0; k < m; k++) {
            int found = -1;
            for (int i = 0; i < b.numRows; i++) {
                if (b.get(i, k) != 0) {
                    if (found >= 0) {
                        return null;
                    }
                    found = i;
                }
            }
            if (found < 0) {
                return null;
            }
            rows[k] = found;
            values[k] = b.get(found, k);
        }
        return new SelectionInput(rows, values);
    }

    /** Returns the number m of columns. */
    int columns() {
        return rows.length;
    }

    /** Returns the row of the nonzero entry of column k. */
    int row(int k) {
        return rows[k];
    }

    /** Returns the nonzero entry of column k. */
    double value(int k) {
        return values[k];
    }

    /** Computes {@code out += B v} (out length N, v length m). */
    void multiplyAdd(double[] v, double[] out) {
        for (int k = 0; k < rows.length; k++) {
            out[rows[k]] += values[k] * v[k];
        }
    }
}
