package io.github.neurodyn.preparation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.api.Test;

class ProspectiveCostTest {

    private static final double TOLERANCE = 1e-10;
    private static final double TAU = 0.15;

    @Test
    void scalarGramianIsClosedForm() {
        // -2 Q - 2 Q + 9 = 0 gives Q = 9 / 4
        ProspectiveCost cost = ProspectiveCost.of(new DMatrixRMaj(new double[][] {{-2}}),
                new DMatrixRMaj(new double[][] {{3}}));

        assertEquals(2.25, cost.unnormalisedTrace(), TOLERANCE);
        assertEquals(1.0, cost.matrix().get(0, 0), TOLERANCE);
    }

    @Test
    void traceIsNetworkSize() {
        ProspectiveCost cost = randomCost(7, new Random(2));

        assertEquals(7.0, CommonOps_DDRM.trace(cost.matrix()), TOLERANCE * 7);
    }

    @Test
    void matrixSolvesScaledLyapunovEquation() {
        Random random = new Random(4);
        int n = 6;
        DMatrixRMaj a = stableMatrix(n, random);
        DMatrixRMaj c = PreparationTest.randomMatrix(2, n, random);
        ProspectiveCost cost = ProspectiveCost.of(a, c);

        // A^T Q_C + Q_C A + (N / trace) C^T C = 0
        DMatrixRMaj q = cost.matrix();
        DMatrixRMaj residual = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransA(a, q, residual);
        CommonOps_DDRM.multAdd(q, a, residual);
        DMatrixRMaj ctc = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransA(c, c, ctc);
        CommonOps_DDRM.addEquals(residual, n / cost.unnormalisedTrace(), ctc);
        double scale = NormOps_DDRM.normF(ctc) * n / cost.unnormalisedTrace();
        assertEquals(0.0, NormOps_DDRM.normF(residual) / scale, TOLERANCE);
    }

    @Test
    void eigenvectorsDiagonaliseInOrder() {
        ProspectiveCost cost = randomCost(6, new Random(6));
        DMatrixRMaj v = cost.eigenvectors();
        double[] values = cost.eigenvalues();

        // V^T V = I and V^T Q_C V = diag(values), decreasing
        DMatrixRMaj gram = new DMatrixRMaj(6, 6);
        CommonOps_DDRM.multTransA(v, v, gram);
        DMatrixRMaj qv = new DMatrixRMaj(6, 6);
        CommonOps_DDRM.mult(cost.matrix(), v, qv);
        DMatrixRMaj projected = new DMatrixRMaj(6, 6);
        CommonOps_DDRM.multTransA(v, qv, projected);
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                assertEquals(i == j ? 1.0 : 0.0, gram.get(i, j), TOLERANCE, "V^T V (" + i + ", " + j + ")");
                assertEquals(i == j ? values[i] : 0.0, projected.get(i, j), TOLERANCE * values[0],
                        "V^T Q_C V (" + i + ", " + j + ")");
            }
        }
        for (int i = 1; i < 6; i++) {
            assertEquals(true, values[i] <= values[i - 1], "eigenvalue " + i + " out of order");
        }
    }

    @Test
    void potentAndNullSubspacesAreComplementary() {
        ProspectiveCost cost = randomCost(5, new Random(7));
        DMatrixRMaj potent = cost.potentBasis(2);
        DMatrixRMaj nullBasis = cost.nullBasis(2);

        DMatrixRMaj cross = new DMatrixRMaj(2, 3);
        CommonOps_DDRM.multTransA(potent, nullBasis, cross);

        assertEquals(2, potent.numCols);
        assertEquals(3, nullBasis.numCols);
        assertEquals(0.0, NormOps_DDRM.normF(cross), TOLERANCE);
    }

    @Test
    void costOfEigenvectorIsEigenvalue() {
        ProspectiveCost cost = randomCost(5, new Random(8));
        DMatrixRMaj v = cost.eigenvectors();
        double[] top = new double[5];
        for (int i = 0; i < 5; i++) {
            top[i] = v.get(i, 0);
        }

        assertEquals(cost.eigenvalues()[0], cost.cost(top), TOLERANCE * cost.eigenvalues()[0]);
    }

    @Test
    void finiteMovementApproachesInfiniteGramian() {
        Random random = new Random(10);
        int n = 4;
        DMatrixRMaj a = stableMatrix(n, random);
        DMatrixRMaj c = PreparationTest.randomMatrix(1, n, random);

        ProspectiveCost infinite = ProspectiveCost.of(a, c);
        ProspectiveCost longMovement = ProspectiveCost.of(a, c, 20.0);

        DMatrixRMaj difference = infinite.matrix();
        CommonOps_DDRM.subtractEquals(difference, longMovement.matrix());
        assertEquals(0.0, NormOps_DDRM.normF(difference), 1e-8);
    }

    static ProspectiveCost randomCost(int n, Random random) {
        return ProspectiveCost.of(stableMatrix(n, random), PreparationTest.randomMatrix(2, n, random));
    }

    /** Returns (W - I) / tau with the spectral radius of W near 0.5, a stable matrix. */
    static DMatrixRMaj stableMatrix(int n, Random random) {
        DMatrixRMaj a = PreparationTest.randomWeights(n, 0.5, random);
        for (int i = 0; i < n; i++) {
            a.add(i, i, -1.0);
        }
        CommonOps_DDRM.scale(1 / TAU, a);
        return a;
    }
}
