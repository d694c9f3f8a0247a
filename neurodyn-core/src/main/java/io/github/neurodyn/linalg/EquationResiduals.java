package io.github.neurodyn.linalg;

import io.github.neurodyn.api.InaccurateSolutionException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;

/**
 * Relative residuals of the matrix equations, with the definitions stated on
 * {@link LyapunovSolution} and {@link SylvesterSolution}. An empty problem has residual 0.
 *
 * <p>When X is exactly symmetric the continuous residual is formed as {@code M + M^T + Q}
 * from one product {@code M = A X E^T}, which is the same quantity at half the cost.
 */
final class EquationResiduals {

    /**
     * Largest relative residual a solver returns. Bartels-Stewart and the Stein recursion
     * typically reach a few multiples of {@code n eps} (about 1e-13 at n = 1000), and a
     * generalised equation loses a further factor of about {@code cond(E)}. A residual above
     * this bound therefore means the computation itself failed, for example through overflow.
     */
    static final double TOLERANCE = 1e-8;

    private EquationResiduals() {
    }

    /**
     * Checks the relative residual of a computed solution.
     *
     * @param equation name of the equation for the message
     * @throws InaccurateSolutionException if the residual is above {@link #TOLERANCE} or not
     *     finite
     */
    static void requireAccurate(String equation, double relativeResidual) {
        if (!(relativeResidual <= TOLERANCE)) {
            throw new InaccurateSolutionException(String.format(
                    "%s solution failed its residual check: relative residual %.3e is above the tolerance "
                            + "%.1e; the computation lost its accuracy, for example through overflow or "
                            + "underflow of intermediate products", equation, relativeResidual, TOLERANCE),
                    relativeResidual, TOLERANCE);
        }
    }

    /**
     * Returns the relative residual of {@code A X E^T + E X A^T + Q = 0}, or of
     * {@code A^T X E + E^T X A + Q = 0} when {@code transposed} is true.
     *
     * @param e E, or null for the identity
     */
    static double continuous(DMatrixRMaj a, DMatrixRMaj e, DMatrixRMaj x, DMatrixRMaj q, boolean transposed) {
        int n = a.numRows;
        if (n == 0) {
            return 0.0;
        }
        DMatrixRMaj opA = transposed ? CommonOps_DDRM.transpose(a, null) : a;
        DMatrixRMaj opE = e == null ? null : (transposed ? CommonOps_DDRM.transpose(e, null) : e);
        DMatrixRMaj first = BlockProducts.multiply(opA, x);
        if (opE != null) {
            first = BlockProducts.multiply(first, CommonOps_DDRM.transpose(opE, null));
        }
        DMatrixRMaj second;
        if (isSymmetric(x)) {
            second = CommonOps_DDRM.transpose(first, null);
        } else {
            DMatrixRMaj ex = opE == null ? x : BlockProducts.multiply(opE, x);
            second = BlockProducts.multiply(ex, CommonOps_DDRM.transpose(opA, null));
        }
        DMatrixRMaj residual = first;
        CommonOps_DDRM.addEquals(residual, second);
        CommonOps_DDRM.addEquals(residual, q);
        double normE = e == null ? Math.sqrt(n) : NormOps_DDRM.normF(e);
        double denominator = 2.0 * NormOps_DDRM.normF(a) * normE * NormOps_DDRM.normF(x) + NormOps_DDRM.normF(q);
        return ratio(NormOps_DDRM.normF(residual), denominator);
    }

    /**
     * Returns the relative residual of {@code A X A^T - E X E^T + Q = 0}.
     *
     * @param e E, or null for the identity
     */
    static double discrete(DMatrixRMaj a, DMatrixRMaj e, DMatrixRMaj x, DMatrixRMaj q) {
        int n = a.numRows;
        if (n == 0) {
            return 0.0;
        }
        DMatrixRMaj residual = sandwich(a, x);
        if (e == null) {
            CommonOps_DDRM.subtractEquals(residual, x);
        } else {
            CommonOps_DDRM.subtractEquals(residual, sandwich(e, x));
        }
        CommonOps_DDRM.addEquals(residual, q);
        double normA = NormOps_DDRM.normF(a);
        double normE = e == null ? Math.sqrt(n) : NormOps_DDRM.normF(e);
        double normX = NormOps_DDRM.normF(x);
        double denominator = normA * normA * normX + normE * normE * normX + NormOps_DDRM.normF(q);
        return ratio(NormOps_DDRM.normF(residual), denominator);
    }

    /** Returns the relative residual of {@code A X + X B = C}. */
    static double sylvester(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj x, DMatrixRMaj c) {
        if (x.getNumElements() == 0) {
            return 0.0;
        }
        DMatrixRMaj residual = BlockProducts.multiply(a, x);
        CommonOps_DDRM.addEquals(residual, BlockProducts.multiply(x, b));
        CommonOps_DDRM.subtractEquals(residual, c);
        double denominator = (NormOps_DDRM.normF(a) + NormOps_DDRM.normF(b)) * NormOps_DDRM.normF(x)
                + NormOps_DDRM.normF(c);
        return ratio(NormOps_DDRM.normF(residual), denominator);
    }

    /** Returns {@code M X M^T}. */
    static DMatrixRMaj sandwich(DMatrixRMaj m, DMatrixRMaj x) {
        DMatrixRMaj mx = BlockProducts.multiply(m, x);
        return BlockProducts.multiply(mx, CommonOps_DDRM.transpose(m, null));
    }

    static boolean isSymmetric(DMatrixRMaj x) {
        int n = x.numRows;
        if (x.numCols != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (x.data[i * n + j] != x.data[j * n + i]) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double ratio(double numerator, double denominator) {
        return denominator > 0 ? numerator / denominator : numerator;
    }
}
