package io.github.neurodyn.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.junit.jupiter.api.Test;

class DynamicsRegressionTest {

    /** Agreement between two exact solves of the same least-squares problem, relative to max |M|. */
    private static final double ROUND_OFF = 1e-11;

    @Test
    void skewFitMatchesKroneckerSolve() {
        for (int k : new int[] {2, 3, 6, 8}) {
            Random random = new Random(10 + k);
            DMatrixRMaj states = SyntheticRecordings.gaussian(40 * k, k, random);
            DMatrixRMaj changes = SyntheticRecordings.gaussian(40 * k, k, random);
            DMatrixRMaj fit = DynamicsRegression.skewSymmetric(states, changes);
            DMatrixRMaj reference = kroneckerSkewFit(states, changes);
            double scale = CommonOps_DDRM.elementMaxAbs(reference);
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    assertEquals(reference.get(i, j), fit.get(i, j), ROUND_OFF * scale,
                            "k = " + k + ", M(" + i + ", " + j + ")");
                }
            }
        }
    }

    @Test
    void skewFitIsExactlySkewSymmetric() {
        Random random = new Random(3);
        DMatrixRMaj fit = DynamicsRegression.skewSymmetric(SyntheticRecordings.gaussian(60, 5, random),
                SyntheticRecordings.gaussian(60, 5, random));
        for (int i = 0; i < 5; i++) {
            assertEquals(0.0, fit.get(i, i));
            for (int j = i + 1; j < 5; j++) {
                assertEquals(-fit.get(j, i), fit.get(i, j), "M(" + i + ", " + j + ") + M(" + j + ", " + i + ")");
            }
        }
    }

    @Test
    void recoversNoiselessGenerators() {
        Random random = new Random(4);
        DMatrixRMaj states = SyntheticRecordings.gaussian(30, 4, random);
        DMatrixRMaj skew = SyntheticRecordings.rotationGenerator(0.3, -0.1);
        skew.set(0, 3, 0.05);
        skew.set(3, 0, -0.05);
        DMatrixRMaj changes = new DMatrixRMaj(30, 4);
        CommonOps_DDRM.multTransB(states, skew, changes);
        DMatrixRMaj skewFit = DynamicsRegression.skewSymmetric(states, changes);
        DMatrixRMaj bestFit = DynamicsRegression.leastSquares(states, changes);
        assertTrue(CommonOps_DDRM.elementMaxAbs(difference(skewFit, skew)) < ROUND_OFF, "skew fit");
        assertTrue(CommonOps_DDRM.elementMaxAbs(difference(bestFit, skew)) < ROUND_OFF, "unconstrained fit");
        assertEquals(1.0, DynamicsRegression.rSquared(states, changes, skewFit), ROUND_OFF);
    }

    @Test
    void unconstrainedFitMatchesHipparchusQr() {
        Random random = new Random(5);
        DMatrixRMaj states = SyntheticRecordings.gaussian(50, 4, random);
        DMatrixRMaj changes = SyntheticRecordings.gaussian(50, 4, random);
        DMatrixRMaj fit = DynamicsRegression.leastSquares(states, changes);
        RealMatrix solution = new QRDecomposition(MatrixUtils.createRealMatrix(PcaTest.toArray(states)))
                .getSolver().solve(MatrixUtils.createRealMatrix(PcaTest.toArray(changes)));
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(solution.getEntry(j, i), fit.get(i, j), ROUND_OFF, "M(" + i + ", " + j + ")");
            }
        }
    }

    @Test
    void unconstrainedFitAcceptsTwentyColumns() {
        // Columns scaled by 0.75^j, like decaying PC scores: the condition number is a few hundred,
        // yet the product of the 20 ratios |R_jj| / max |R_jj| (EJML's QR quality) is about 1e-24.
        Random random = new Random(6);
        DMatrixRMaj states = SyntheticRecordings.gaussian(200, 20, random);
        for (int i = 0; i < 200; i++) {
            for (int j = 0; j < 20; j++) {
                states.set(i, j, states.get(i, j) * Math.pow(0.75, j));
            }
        }
        DMatrixRMaj generator = SyntheticRecordings.gaussian(20, 20, random);
        DMatrixRMaj changes = new DMatrixRMaj(200, 20);
        CommonOps_DDRM.multTransB(states, generator, changes);

        DMatrixRMaj fit = DynamicsRegression.leastSquares(states, changes);

        double error = CommonOps_DDRM.elementMaxAbs(difference(fit, generator));
        assertTrue(error < ROUND_OFF * CommonOps_DDRM.elementMaxAbs(generator), "max |M - M_true| = " + error);
    }

    @Test
    void rejectsRankDeficientStates() {
        DMatrixRMaj states = new DMatrixRMaj(10, 3);
        for (int i = 0; i < 10; i++) {
            states.set(i, 0, i);
            states.set(i, 1, 2 * i);
            states.set(i, 2, 1);
        }
        DMatrixRMaj changes = new DMatrixRMaj(10, 3);
        changes.set(0, 0, 1);
        assertThrows(IllegalArgumentException.class, () -> DynamicsRegression.skewSymmetric(states, changes));
        assertThrows(IllegalArgumentException.class, () -> DynamicsRegression.leastSquares(states, changes));
        assertThrows(IllegalArgumentException.class,
                () -> DynamicsRegression.skewSymmetric(new DMatrixRMaj(2, 3), new DMatrixRMaj(2, 3)));
        assertThrows(IllegalArgumentException.class,
                () -> DynamicsRegression.rSquared(states, new DMatrixRMaj(10, 3), new DMatrixRMaj(3, 3)));
    }

    /**
     * Solves the same problem independently: M is parameterised by its k(k-1)/2 entries above
     * the diagonal, the model d_i = M x_i becomes a linear map of those parameters (a
     * Kronecker-structured design matrix), and Hipparchus QR solves the least squares.
     */
    private static DMatrixRMaj kroneckerSkewFit(DMatrixRMaj states, DMatrixRMaj changes) {
        int m = states.numRows;
        int k = states.numCols;
        int parameters = k * (k - 1) / 2;
        RealMatrix design = MatrixUtils.createRealMatrix(m * k, parameters);
        RealVector target = new ArrayRealVector(m * k);
        for (int i = 0; i < m; i++) {
            for (int r = 0; r < k; r++) {
                target.setEntry(i * k + r, changes.get(i, r));
            }
            int p = 0;
            for (int a = 0; a < k; a++) {
                for (int b = a + 1; b < k; b++) {
                    design.setEntry(i * k + a, p, states.get(i, b));
                    design.setEntry(i * k + b, p, -states.get(i, a));
                    p++;
                }
            }
        }
        RealVector solution = new QRDecomposition(design).getSolver().solve(target);
        DMatrixRMaj fit = new DMatrixRMaj(k, k);
        int p = 0;
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                fit.set(a, b, solution.getEntry(p));
                fit.set(b, a, -solution.getEntry(p));
                p++;
            }
        }
        return fit;
    }

    private static DMatrixRMaj difference(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj d = a.copy();
        CommonOps_DDRM.subtractEquals(d, b);
        return d;
    }
}
