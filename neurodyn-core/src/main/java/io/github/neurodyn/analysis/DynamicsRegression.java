package io.github.neurodyn.analysis;

import io.github.neurodyn.api.Arguments;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Least-squares fits of linear dynamics {@code dx = M x} to sampled states, as used by jPCA.
 *
 * <p>Both fits take m samples as rows: {@code states} X (m x k) and {@code differences} D
 * (m x k), where row i of D is the change that follows row i of X, for example
 * {@code x(t + 1) - x(t)}. They minimise {@code ||D - X M^T||_F^2}, so that
 * {@code d_i ~ M x_i} for every sample; M is k x k and has the unit of D per unit of X.
 */
public final class DynamicsRegression {

    /**
     * Smallest accepted ratio between the smallest and largest singular value of the states;
     * below it the fit is not determined by the data.
     */
    static final double RANK_TOLERANCE = 1e-12;

    private DynamicsRegression() {
    }

    /**
     * Fits an unconstrained M by least squares through EJML's Householder QR solve of
     * {@code X M^T = D}, after a singular value check of the rank. Cost: about {@code 2 m k^2}
     * flops for the factorisation plus the singular values of X.
     *
     * @param states m x k states, m at least k, of full column rank
     * @param differences m x k changes, one per state
     * @return the k x k matrix M
     * @throws IllegalArgumentException when the shapes disagree, an entry is not finite or
     *     the states do not span k dimensions
     */
    public static DMatrixRMaj leastSquares(DMatrixRMaj states, DMatrixRMaj differences) {
        requireProblem(states, differences);
        int m = states.numRows;
        int k = states.numCols;
        // The rank test uses singular values, because EJML's QR quality multiplies the k ratios
        // |R_ii| / max |R_ii| and so rejects well-conditioned states with decaying column norms,
        // such as 20 PC scores.
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(m, k, false, false, true);
        if (!svd.decompose(states.copy())) {
            throw new IllegalStateException("EJML singular value decomposition failed on finite " + m + "x" + k
                    + " states");
        }
        requireFullRank(svd.getSingularValues(), k);
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.leastSquares(m, k);
        if (!solver.setA(states.copy())) {
            throw new IllegalStateException("EJML QR decomposition failed on finite " + m + "x" + k + " states");
        }
        DMatrixRMaj transposed = new DMatrixRMaj(k, k);
        solver.solve(differences.copy(), transposed);
        return CommonOps_DDRM.transpose(transposed, null);
    }

    /**
     * Fits M by least squares over the skew-symmetric matrices ({@code M^T = -M}), exactly.
     *
     * <p>Setting the gradient of {@code ||D - X M^T||_F^2} to zero along every skew-symmetric
     * direction gives the Lyapunov-type equation {@code S M + M S = C} with
     * {@code S = X^T X} and {@code C = D^T X - X^T D}. With the singular value decomposition
     * {@code X = U diag(s) W^T}, in the basis W it decouples into
     * {@code (s_i^2 + s_j^2) M'_ij = C'_ij}, so {@code M = W M' W^T} with
     * {@code M' = (W^T C W) ./ (s_i^2 + s_j^2)}. The solution is skew-symmetric because C is,
     * and unique when X has full column rank. This replaces the iterative minimiser of the
     * reference MATLAB code (Churchland, Cunningham et al., Nature 487, 2012) by a direct
     * solve of the same problem. Cost: one m x k SVD plus {@code O(k^3)}.
     *
     * @param states m x k states, m at least k, of full column rank
     * @param differences m x k changes, one per state
     * @return the k x k skew-symmetric matrix M
     * @throws IllegalArgumentException when the shapes disagree, an entry is not finite or
     *     the states do not span k dimensions
     */
    public static DMatrixRMaj skewSymmetric(DMatrixRMaj states, DMatrixRMaj differences) {
        requireProblem(states, differences);
        int m = states.numRows;
        int k = states.numCols;

        // Right singular vectors W and singular values s of the states.
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(m, k, false, true, true);
        if (!svd.decompose(states.copy())) {
            throw new IllegalStateException("EJML singular value decomposition failed on finite " + m + "x" + k
                    + " states");
        }
        DMatrixRMaj w = svd.getV(null, false);
        double[] s = svd.getSingularValues();
        requireFullRank(s, k);

        // C = D^T X - X^T D, rotated into the basis W.
        DMatrixRMaj c = new DMatrixRMaj(k, k);
        CommonOps_DDRM.multTransA(differences, states, c);
        DMatrixRMaj ct = CommonOps_DDRM.transpose(c, null);
        CommonOps_DDRM.subtractEquals(c, ct);
        DMatrixRMaj rotated = similarity(w, c, true);

        // Divide entrywise by s_i^2 + s_j^2, rotate back and clean the round-off asymmetry.
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                rotated.set(i, j, rotated.get(i, j) / (s[i] * s[i] + s[j] * s[j]));
            }
        }
        DMatrixRMaj fit = similarity(w, rotated, false);
        for (int i = 0; i < k; i++) {
            fit.set(i, i, 0);
            for (int j = i + 1; j < k; j++) {
                double value = 0.5 * (fit.get(i, j) - fit.get(j, i));
                fit.set(i, j, value);
                fit.set(j, i, -value);
            }
        }
        return fit;
    }

    /**
     * Returns the coefficient of determination of a fit,
     * {@code R^2 = 1 - ||D - X M^T||_F^2 / ||D||_F^2}, with D not centred (the convention of
     * jPCA).
     *
     * @param states m x k states
     * @param differences m x k changes
     * @param fit the k x k matrix M
     * @return R^2, at most 1 and negative when the fit is worse than predicting no change
     * @throws IllegalArgumentException when the shapes disagree, an entry is not finite or
     *     {@code differences} is zero
     */
    public static double rSquared(DMatrixRMaj states, DMatrixRMaj differences, DMatrixRMaj fit) {
        requireProblem(states, differences);
        Arguments.requireShape(fit, states.numCols, states.numCols, "fit");
        double total = SampleMatrices.sumOfSquares(differences);
        if (!(total > 0)) {
            throw new IllegalArgumentException("differences are all zero, so R^2 is undefined");
        }
        return 1 - SampleMatrices.sumOfSquares(residual(states, differences, fit)) / total;
    }

    /** Returns {@code D - X M^T}. */
    static DMatrixRMaj residual(DMatrixRMaj states, DMatrixRMaj differences, DMatrixRMaj fit) {
        DMatrixRMaj r = differences.copy();
        CommonOps_DDRM.multAddTransB(-1, states, fit, r);
        return r;
    }

    /** Returns {@code W^T A W} when {@code intoBasis}, else {@code W A W^T}. */
    private static DMatrixRMaj similarity(DMatrixRMaj w, DMatrixRMaj a, boolean intoBasis) {
        int k = a.numRows;
        DMatrixRMaj half = new DMatrixRMaj(k, k);
        DMatrixRMaj result = new DMatrixRMaj(k, k);
        if (intoBasis) {
            CommonOps_DDRM.multTransA(w, a, half);
            CommonOps_DDRM.mult(half, w, result);
        } else {
            CommonOps_DDRM.mult(w, a, half);
            CommonOps_DDRM.multTransB(half, w, result);
        }
        return result;
    }

    private static void requireProblem(DMatrixRMaj states, DMatrixRMaj differences) {
        Arguments.requireFinite(states, "states");
        int k = states.numCols;
        Arguments.requireAtLeast(k, 1, "states columns");
        Arguments.requireShape(differences, states.numRows, k, "differences");
        if (states.numRows < k) {
            throw new IllegalArgumentException(String.format(
                    "states has %d samples of %d dimensions; expected at least %d samples", states.numRows, k, k));
        }
    }

    /** Rejects states whose smallest singular value is at most RANK_TOLERANCE times the largest. */
    private static void requireFullRank(double[] singularValues, int k) {
        double largest = 0;
        double smallest = Double.POSITIVE_INFINITY;
        for (double value : singularValues) {
            largest = Math.max(largest, value);
            smallest = Math.min(smallest, value);
        }
        if (!(smallest > RANK_TOLERANCE * largest)) {
            throw new IllegalArgumentException(String.format(
                    "states are rank deficient (singular values from %.3e down to %.3e); expected %d "
                    + "linearly independent columns", largest, smallest, k));
        }
    }
}
