package io.github.neurodyn.linalg;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cross-check against an independent oracle: small equations written as one
 * {@code n^2 x n^2} Kronecker system and solved by Hipparchus' LU decomposition. Test
 * scope only, because the Kronecker form costs {@code O(n^6)}.
 */
class KroneckerCrossCheckTest {

    /** Agreement between the two solutions of a well-conditioned small equation. */
    private static final double AGREEMENT = 1e-12;

    @ParameterizedTest(name = "n={0}")
    @ValueSource(ints = {1, 2, 5, 8})
    void lyapunovMatchesKroneckerSolve(int n) {
        Random rng = new Random(1100 + n);
        DMatrixRMaj a = LyapunovTest.stableNonnormal(n, rng);
        DMatrixRMaj q = QuasiTriangularMatrices.symmetric(n, rng);

        DMatrixRMaj x = Lyapunov.solve(a, q).x();

        // vec(A X + X A^T) = (I kron A + A kron I) vec(X), vec column-major.
        RealMatrix k = kron(identity(n), a).add(kron(a, identity(n)));
        DMatrixRMaj expected = solveKronecker(k, q, -1.0);
        assertTrue(LyapunovTest.relativeDistance(x, expected) <= AGREEMENT,
                "distance " + LyapunovTest.relativeDistance(x, expected));
    }

    @ParameterizedTest(name = "n={0}")
    @ValueSource(ints = {1, 3, 7})
    void discreteMatchesKroneckerSolve(int n) {
        Random rng = new Random(1200 + n);
        DMatrixRMaj a = QuasiTriangularMatrices.gaussian(n, n, rng);
        CommonOps_DDRM.scale(0.5 / Math.sqrt(n), a);
        DMatrixRMaj q = QuasiTriangularMatrices.symmetric(n, rng);

        DMatrixRMaj x = DiscreteLyapunov.solve(a, q).x();

        // vec(A X A^T - X) = (A kron A - I) vec(X).
        RealMatrix k = kron(a, a).subtract(MatrixUtils.createRealIdentityMatrix(n * n));
        DMatrixRMaj expected = solveKronecker(k, q, -1.0);
        assertTrue(LyapunovTest.relativeDistance(x, expected) <= AGREEMENT,
                "distance " + LyapunovTest.relativeDistance(x, expected));
    }

    @ParameterizedTest(name = "m={0}")
    @ValueSource(ints = {1, 4, 6})
    void sylvesterMatchesKroneckerSolve(int m) {
        Random rng = new Random(1300 + m);
        int n = m + 1;
        DMatrixRMaj a = LyapunovTest.stableNonnormal(m, rng);
        DMatrixRMaj b = LyapunovTest.stableNonnormal(n, rng);
        DMatrixRMaj c = QuasiTriangularMatrices.gaussian(m, n, rng);

        DMatrixRMaj x = Sylvester.solve(a, b, c).x();

        // vec(A X + X B) = (I_n kron A + B^T kron I_m) vec(X).
        RealMatrix k = kron(identity(n), a).add(kron(CommonOps_DDRM.transpose(b, null), identity(m)));
        DMatrixRMaj expected = solveKronecker(k, c, 1.0);
        assertTrue(LyapunovTest.relativeDistance(x, expected) <= AGREEMENT,
                "distance " + LyapunovTest.relativeDistance(x, expected));
    }

    /** Solves {@code K vec(X) = sign vec(R)} and returns X with the shape of R. */
    private static DMatrixRMaj solveKronecker(RealMatrix k, DMatrixRMaj r, double sign) {
        int rows = r.numRows;
        int cols = r.numCols;
        RealVector rhs = new ArrayRealVector(rows * cols);
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) {
                rhs.setEntry(i + rows * j, sign * r.get(i, j));
            }
        }
        RealVector solution = new LUDecomposition(k).getSolver().solve(rhs);
        DMatrixRMaj x = new DMatrixRMaj(rows, cols);
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) {
                x.set(i, j, solution.getEntry(i + rows * j));
            }
        }
        return x;
    }

    private static DMatrixRMaj identity(int n) {
        return CommonOps_DDRM.identity(n);
    }

    /** Returns the Kronecker product {@code L kron R} as a Hipparchus matrix. */
    private static RealMatrix kron(DMatrixRMaj left, DMatrixRMaj right) {
        int p = right.numRows;
        int q = right.numCols;
        RealMatrix result = new Array2DRowRealMatrix(left.numRows * p, left.numCols * q);
        for (int i = 0; i < left.numRows; i++) {
            for (int j = 0; j < left.numCols; j++) {
                for (int k = 0; k < p; k++) {
                    for (int l = 0; l < q; l++) {
                        result.setEntry(i * p + k, j * q + l, left.get(i, j) * right.get(k, l));
                    }
                }
            }
        }
        return result;
    }
}
