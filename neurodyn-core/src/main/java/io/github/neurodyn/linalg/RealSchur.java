package io.github.neurodyn.linalg;

import io.github.neurodyn.api.Arguments;
import io.github.neurodyn.api.NotConvergedException;
import io.github.neurodyn.api.ReorderingFailedException;
import org.ejml.data.DMatrixRMaj;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real Schur decomposition {@code A = Z T Z^T}, reordering of its eigenvalues and the
 * eigenvalues of a real matrix.
 *
 * <p>{@code Z} is orthogonal and {@code T} quasi-upper-triangular with 1x1 blocks for real
 * eigenvalues and standardised 2x2 blocks {@code [[a, b], [c, a]]}, {@code b c < 0}, for
 * complex pairs {@code a +- i sqrt(-b c)} (see {@link SchurForm}).
 *
 * <p>Algorithm: Householder reduction to Hessenberg form, then the Francis implicit
 * double-shift QR iteration with the deflation test and exceptional shifts of LAPACK's
 * {@code dlahqr} (Golub and Van Loan, Matrix Computations, 4th ed., sections 7.4-7.5).
 * Reordering swaps adjacent blocks as Bai and Demmel, Linear Algebra Appl. 186 (1993).
 *
 * <p>Limitations: the QR iteration is the single-bulge small-matrix algorithm; it does not
 * use the multishift sweeps with aggressive early deflation that LAPACK uses above order 75,
 * so for large matrices it runs at vector-operation rather than matrix-multiply speed.
 */
public final class RealSchur {

    private static final Logger LOG = LoggerFactory.getLogger(RealSchur.class);

    /** Matrices whose largest entry lies outside [SCALE_MIN, 1 / SCALE_MIN] are scaled first. */
    private static final double SCALE_MIN = Math.sqrt(SchurKernels.SAFE_MIN) / SchurKernels.ULP;

    private RealSchur() {
    }

    /**
     * Computes the real Schur decomposition {@code A = Z T Z^T}.
     *
     * <p>Cost: about {@code 10/3 n^3} flops for the Hessenberg reduction, {@code 4/3 n^3}
     * to form its orthogonal factor and typically {@code 20 n^3} to {@code 25 n^3} for the
     * QR iteration with Schur vectors; {@code 3 n^2} doubles of work space.
     *
     * @param a square matrix with finite entries; not modified
     * @return the decomposition, with {@link SchurForm#selectedCount()} equal to 0
     * @throws IllegalArgumentException if {@code a} is null, not square or has a NaN or
     *     infinite entry
     * @throws NotConvergedException if the QR iteration does not converge within
     *     {@code 30 max(10, n)} sweeps
     */
    public static SchurForm of(DMatrixRMaj a) {
        Arguments.requireSquare(a, "a");
        int n = a.numRows;
        double[][] t = SchurKernels.toRows(a.data, n);
        double factor = scaleIntoRange(t);

        // Reduce to Hessenberg form, then iterate to the real Schur form.
        double[][] zt = new double[n][n];
        HessenbergReduction.reduce(t, n, zt);
        int sweeps = FrancisQr.iterate(t, n, zt, true, new double[n], new double[n]);
        LOG.debug("real Schur form of order {} after {} QR sweeps", n, sweeps);

        // Undo the scaling and make the zeros below the subdiagonal exact.
        for (int i = 0; i < n; i++) {
            double[] row = t[i];
            java.util.Arrays.fill(row, 0, Math.max(0, i - 1), 0);
            if (factor != 1) {
                for (int j = 0; j < n; j++) {
                    row[j] /= factor;
                }
            }
        }
        return new SchurForm(SchurKernels.toMatrix(t, false), SchurKernels.toMatrix(zt, true), 0);
    }

    /**
     * Reorders a real Schur form so that the leading diagonal block of {@code T} holds
     * exactly the selected eigenvalues, updating {@code T} and {@code Z} by orthogonal
     * similarities so that {@code A = Z T Z^T} still holds.
     *
     * <p>Each block whose eigenvalue (or pair) is selected is moved up past the unselected
     * blocks above it by swaps of adjacent blocks, keeping the relative order of the selected
     * blocks. Cost: at most about {@code 12 n k} flops per moved block of order {@code k}
     * and swap, so {@code O(n^3)} in the worst case.
     *
     * @param form the Schur form to reorder; not modified
     * @param select chooses the eigenvalues to move to the top. It is called once per 1x1
     *     block, and once per 2x2 block with the eigenvalue of positive imaginary part.
     * @return a new form with {@link SchurForm#selectedCount()} equal to the order of the
     *     leading block of selected eigenvalues
     * @throws IllegalArgumentException if an argument is null
     * @throws ReorderingFailedException if a swap is rejected because the two blocks have
     *     eigenvalues so close that it cannot be done stably
     */
    public static SchurForm reorder(SchurForm form, EigenvalueSelector select) {
        Arguments.requireNonNull(form, "form");
        Arguments.requireNonNull(select, "select");
        int n = form.size();
        double[][] t = SchurKernels.toRows(form.tShared().data, n);
        double[][] zt = SchurKernels.toTransposedRows(form.zShared().data, n);

        // Decide per block before anything moves; blocks below the one moving never change.
        double[] real = form.eigenvaluesReal();
        double[] imag = form.eigenvaluesImag();
        boolean[] selected = new boolean[n];
        SchurSwap swapper = new SchurSwap(t, zt, n);
        for (int k = 0; k < n; k += swapper.blockOrder(k)) {
            selected[k] = select.select(real[k], imag[k]);
        }

        // Move each selected block up to the end of the selected leading block.
        int leading = 0;
        int moves = 0;
        int k = 0;
        while (k < n) {
            int order = swapper.blockOrder(k);
            if (selected[k]) {
                if (k != leading) {
                    swapper.moveUp(k, leading);
                    moves++;
                }
                leading += order;
            }
            k += order;
        }
        LOG.debug("reordered a Schur form of order {}: {} eigenvalues selected, {} blocks moved",
                n, leading, moves);
        return new SchurForm(SchurKernels.toMatrix(t, false), SchurKernels.toMatrix(zt, true), leading);
    }

    /**
     * Computes the eigenvalues of a square matrix by the same QR iteration, without forming
     * Schur vectors.
     *
     * <p>Balancing first applies a diagonal similarity {@code D^-1 A D} with powers of 2
     * (the scaling step of LAPACK's {@code dgebal}), which improves the accuracy of
     * eigenvalues of badly scaled matrices; it changes no eigenvalue. Cost: about
     * {@code 10/3 n^3} flops for the Hessenberg reduction and typically {@code 10 n^3} for
     * the iteration.
     *
     * @param a square matrix with finite entries; not modified
     * @param balance whether to balance {@code a} first
     * @return the eigenvalues, each complex pair with the positive imaginary part first, in
     *     the order they appear on the diagonal of the Schur factor
     * @throws IllegalArgumentException if {@code a} is null, not square or has a NaN or
     *     infinite entry
     * @throws NotConvergedException if the QR iteration does not converge
     */
    public static Eigenvalues eigenvalues(DMatrixRMaj a, boolean balance) {
        Arguments.requireSquare(a, "a");
        int n = a.numRows;
        double[][] h = SchurKernels.toRows(a.data, n);
        double factor = scaleIntoRange(h);
        if (balance) {
            Balancing.balance(h, n);
        }
        HessenbergReduction.reduce(h, n, null);
        double[] real = new double[n];
        double[] imag = new double[n];
        int sweeps = FrancisQr.iterate(h, n, null, false, real, imag);
        LOG.debug("eigenvalues of order {} after {} QR sweeps (balanced: {})", n, sweeps, balance);
        if (factor != 1) {
            for (int k = 0; k < n; k++) {
                real[k] /= factor;
                imag[k] /= factor;
            }
        }
        return new Eigenvalues(real, imag);
    }

    /**
     * Scales {@code m} by a power of 2 when its largest entry is so small or large that the
     * QR iteration could underflow or overflow, as LAPACK's {@code dgees} does.
     *
     * @return the factor applied, 1 when none
     */
    private static double scaleIntoRange(double[][] m) {
        double max = 0;
        for (double[] row : m) {
            for (double value : row) {
                max = Math.max(max, Math.abs(value));
            }
        }
        if (max == 0 || (max >= SCALE_MIN && max <= 1 / SCALE_MIN)) {
            return 1;
        }
        double factor = Math.scalb(1.0, -Math.getExponent(max));
        for (double[] row : m) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= factor;
            }
        }
        return factor;
    }
}
