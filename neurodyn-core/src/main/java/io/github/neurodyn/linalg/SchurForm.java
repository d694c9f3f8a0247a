package io.github.neurodyn.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * Real Schur decomposition {@code A = Z T Z^T} of a square real matrix.
 *
 * <p>{@code Z} is orthogonal and {@code T} is quasi-upper-triangular: zero below the first
 * subdiagonal, with a nonzero subdiagonal entry only inside a 2x2 diagonal block. Each 2x2
 * block is standardised as {@code [[a, b], [c, a]]} with {@code b c < 0}, so its eigenvalues
 * are {@code a +- i sqrt(-b c)}; every real eigenvalue has its own 1x1 block.
 *
 * <p>The form is immutable: {@link #t()} and {@link #z()} return copies. A form produced by
 * {@link RealSchur#reorder} records how many leading rows hold the selected eigenvalues in
 * {@link #selectedCount()}.
 */
public final class SchurForm {

    private final DMatrixRMaj t;
    private final DMatrixRMaj z;
    private final double[] real;
    private final double[] imag;
    private final int selectedCount;

    /**
     * Wraps matrices that the caller hands over and no longer modifies.
     *
     * @param t quasi-upper-triangular factor with standardised 2x2 blocks
     * @param z orthogonal factor
     * @param selectedCount order of the leading block of selected eigenvalues, 0 if none
     */
    SchurForm(DMatrixRMaj t, DMatrixRMaj z, int selectedCount) {
        this.t = t;
        this.z = z;
        this.selectedCount = selectedCount;
        int n = t.numRows;
        this.real = new double[n];
        this.imag = new double[n];
        SchurKernels.eigenvaluesOf(t.data, n, real, imag);
    }

    /** @return a copy of the quasi-upper-triangular factor {@code T} */
    public DMatrixRMaj t() {
        return t.copy();
    }

    /** @return a copy of the orthogonal factor {@code Z} (Schur vectors in its columns) */
    public DMatrixRMaj z() {
        return z.copy();
    }

    /** @return {@code T} itself, which callers in this package must not modify */
    DMatrixRMaj tShared() {
        return t;
    }

    /** @return {@code Z} itself, which callers in this package must not modify */
    DMatrixRMaj zShared() {
        return z;
    }

    /**
     * Returns the real parts of the eigenvalues in the order of the diagonal of {@code T}.
     *
     * @return a new array of length {@link #size()}
     */
    public double[] eigenvaluesReal() {
        return real.clone();
    }

    /**
     * Returns the imaginary parts of the eigenvalues in the order of the diagonal of
     * {@code T}. A 2x2 block contributes {@code +omega} at its first row and {@code -omega}
     * at its second.
     *
     * @return a new array of length {@link #size()}
     */
    public double[] eigenvaluesImag() {
        return imag.clone();
    }

    /** @return the order {@code n} of the decomposed matrix */
    public int size() {
        return t.numRows;
    }

    /**
     * Returns the order of the leading diagonal block that holds the selected eigenvalues.
     *
     * @return the count from {@link RealSchur#reorder}, or 0 for a form that was not reordered
     */
    public int selectedCount() {
        return selectedCount;
    }

    /**
     * Tells whether row {@code i} starts a diagonal block of {@code T}.
     *
     * @param i row index, {@code 0 <= i < size()}
     * @return {@code true} if a 1x1 or 2x2 block starts at row {@code i}, {@code false} if
     *     row {@code i} is the second row of a 2x2 block
     * @throws IndexOutOfBoundsException if {@code i} is outside {@code [0, size())}
     */
    public boolean isBlockStart(int i) {
        int n = size();
        if (i < 0 || i >= n) {
            throw new IndexOutOfBoundsException("row " + i + " is outside [0, " + n + ")");
        }
        return i == 0 || t.data[i * n + i - 1] == 0;
    }
}
