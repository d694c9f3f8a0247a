package io.github.neurodyn.riccati;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * A Riccati equation reduced to standard form, E = I and S = 0, with balanced weights.
 *
 * <p>With {@code Y = E^T X E}, {@code A~ = E^-1 A}, {@code B~ = E^-1 B}, the cross term is
 * folded into {@code A^ = A~ - B~ R^-1 S^T} and {@code Q^ = Q - S R^-1 S^T}, and
 * {@code G = B~ R^-1 B~^T}. The reduced equations are
 * continuous {@code A^^T Y + Y A^ - Y G Y + Q^ = 0} and
 * discrete {@code Y = Q^ + A^^T Y (I + G Y)^-1 A^}. Both are invariant under
 * {@code Y -> Y / sigma, G -> sigma G, Q^ -> Q^ / sigma}; the stored G and Q are scaled by
 * {@code sigma = sqrt(||Q^||_F / ||G||_F)} so that they have equal norms, which keeps the
 * doubling iteration away from overflow and loss of accuracy on badly scaled weights.
 */
final class ReducedEquation {

    /** Largest 1-norm condition number of E or R accepted as nonsingular. */
    static final double MAX_CONDITION = 1 / Math.ulp(1.0);

    final RiccatiProblem.TimeDomain domain;
    /** A^ (n x n). */
    final DMatrixRMaj a;
    /** sigma G (n x n, symmetric positive semidefinite for the continuous equation). */
    final DMatrixRMaj g;
    /** Q^ / sigma (n x n, symmetric). */
    final DMatrixRMaj q;
    /** Scale factor between the stored and the true reduced solution, Y = sigma Y_stored. */
    final double sigma;
    /** E^-1, null when E = I. */
    final DMatrixRMaj eInverse;

    private ReducedEquation(RiccatiProblem.TimeDomain domain, DMatrixRMaj a, DMatrixRMaj g,
            DMatrixRMaj q, double sigma, DMatrixRMaj eInverse) {
        this.domain = domain;
        this.a = a;
        this.g = g;
        this.q = q;
        this.sigma = sigma;
        this.eInverse = eInverse;
    }

    static ReducedEquation of(RiccatiProblem problem) {
        // Remove E: A~ = E^-1 A, B~ = E^-1 B
        DMatrixRMaj eInverse = problem.hasE() ? invertDescriptor(problem.eView()) : null;
        DMatrixRMaj a = eInverse == null ? problem.aView().copy() : Dense.mult(eInverse, problem.aView());
        DMatrixRMaj b = eInverse == null ? problem.bView() : Dense.mult(eInverse, problem.bView());
        DMatrixRMaj q = problem.qView().copy();
        DMatrixRMaj g;
        if (problem.domain() == RiccatiProblem.TimeDomain.CONTINUOUS) {
            // With R = L L^T, F = B~ L^-T and T = S L^-T: G = F F^T, A^ = A~ - F T^T, Q^ = Q - T T^T.
            // The triangular factor keeps G positive semidefinite and loses fewer digits than R^-1.
            invertWeight(problem.rView(), problem.domain());
            DMatrixRMaj lInverseT = Dense.transpose(lowerCholeskyInverse(problem.rView()));
            DMatrixRMaj f = Dense.mult(b, lInverseT);
            g = Dense.multTransB(f, f);
            if (problem.hasCrossTerm()) {
                DMatrixRMaj t = Dense.mult(problem.sView(), lInverseT);
                a = Dense.subtract(a, Dense.multTransB(f, t));
                q = Dense.subtract(q, Dense.multTransB(t, t));
            }
        } else {
            // G = B~ R^-1 B~^T, A^ = A~ - B~ R^-1 S^T, Q^ = Q - S R^-1 S^T
            DMatrixRMaj rInverse = invertWeight(problem.rView(), problem.domain());
            g = Dense.multTransB(Dense.mult(b, rInverse), b);
            if (problem.hasCrossTerm()) {
                DMatrixRMaj rInverseSt = Dense.multTransB(rInverse, problem.sView());
                a = Dense.subtract(a, Dense.mult(b, rInverseSt));
                q = Dense.subtract(q, Dense.mult(problem.sView(), rInverseSt));
            }
        }
        g = Dense.symmetrize(g);
        q = Dense.symmetrize(q);

        // Balance the norms of Q and G
        double normQ = Dense.normF(q);
        double normG = Dense.normF(g);
        double sigma = normQ > 0 && normG > 0 ? Math.sqrt(normQ / normG) : 1.0;
        CommonOps_DDRM.scale(sigma, g);
        CommonOps_DDRM.divide(q, sigma);
        return new ReducedEquation(problem.domain(), a, g, q, sigma, eInverse);
    }

    /** Maps a stored reduced solution back to X = sigma E^-T Y E^-1, symmetrised. */
    DMatrixRMaj toOriginal(DMatrixRMaj yStored) {
        DMatrixRMaj y = Dense.scale(sigma, yStored);
        if (eInverse != null) {
            y = Dense.multTransA(eInverse, Dense.mult(y, eInverse));
        }
        return Dense.symmetrize(y);
    }

    /**
     * Returns E^-1.
     *
     * @throws IllegalArgumentException if E is numerically singular
     */
    static DMatrixRMaj invertDescriptor(DMatrixRMaj e) {
        DMatrixRMaj inverse = Dense.invert(e);
        double condition = inverse == null ? Double.POSITIVE_INFINITY : Dense.condition1(e, inverse);
        if (!(condition < MAX_CONDITION)) {
            throw new IllegalArgumentException(String.format(
                    "E must be nonsingular, but its 1-norm condition number is %.3e (limit %.3e)",
                    condition, MAX_CONDITION));
        }
        return inverse;
    }

    /**
     * Returns R^-1, requiring R positive definite for the continuous equation and nonsingular
     * for the discrete one.
     *
     * @throws IllegalArgumentException if R does not meet that requirement
     */
    static DMatrixRMaj invertWeight(DMatrixRMaj r, RiccatiProblem.TimeDomain domain) {
        int m = r.numRows;
        if (domain == RiccatiProblem.TimeDomain.CONTINUOUS) {
            LinearSolverDense<DMatrixRMaj> cholesky = LinearSolverFactory_DDRM.chol(m);
            if (!cholesky.setA(r.copy())) {
                throw new IllegalArgumentException(String.format(
                        "R must be positive definite for the continuous Riccati equation, but its "
                                + "smallest eigenvalue is %.3e", smallestEigenvalue(r)));
            }
        }
        DMatrixRMaj inverse = Dense.invert(r);
        double condition = inverse == null ? Double.POSITIVE_INFINITY : Dense.condition1(r, inverse);
        if (!(condition < MAX_CONDITION)) {
            throw new IllegalArgumentException(String.format(
                    "R must be nonsingular, but its 1-norm condition number is %.3e (limit %.3e)",
                    condition, MAX_CONDITION));
        }
        return Dense.symmetrize(inverse);
    }

    /** Returns L^-1 for the Cholesky factor R = L L^T of a positive definite R. */
    private static DMatrixRMaj lowerCholeskyInverse(DMatrixRMaj r) {
        CholeskyDecomposition_F64<DMatrixRMaj> cholesky = DecompositionFactory_DDRM.chol(r.numRows, true);
        cholesky.decompose(r.copy());
        DMatrixRMaj inverse = cholesky.getT(null);
        TriangularSolver_DDRM.invertLower(inverse.data, r.numRows);
        return inverse;
    }

    private static double smallestEigenvalue(DMatrixRMaj symmetric) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(symmetric.numRows, false, true);
        if (!eig.decompose(symmetric.copy())) {
            return Double.NaN;
        }
        double smallest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < eig.getNumberOfEigenvalues(); i++) {
            smallest = Math.min(smallest, eig.getEigenvalue(i).real);
        }
        return smallest;
    }
}
