package io.github.neurodyn.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class SkewPlanesTest {

    private static final double ROUND_OFF = 1e-13;

    /** Returns Q^T K Q for an orthonormal Q, a skew matrix with the same planes as K rotated. */
    private static DMatrixRMaj rotated(DMatrixRMaj skew, long seed) {
        int k = skew.numRows;
        DMatrixRMaj q = SyntheticRecordings.orthonormalColumns(k, k, new Random(seed));
        DMatrixRMaj half = new DMatrixRMaj(k, k);
        DMatrixRMaj result = new DMatrixRMaj(k, k);
        CommonOps_DDRM.multTransA(q, skew, half);
        CommonOps_DDRM.mult(half, q, result);
        return result;
    }

    /** Checks that the basis is orthonormal and turns K into blocks [[0, -w], [w, 0]]. */
    private static void assertBlockDiagonal(DMatrixRMaj skew, DMatrixRMaj basis, double[] speeds) {
        int k = skew.numRows;
        DMatrixRMaj gram = new DMatrixRMaj(k, k);
        CommonOps_DDRM.multTransA(basis, basis, gram);
        DMatrixRMaj blocks = new DMatrixRMaj(k, k);
        DMatrixRMaj half = new DMatrixRMaj(k, k);
        CommonOps_DDRM.multTransA(basis, skew, half);
        CommonOps_DDRM.mult(half, basis, blocks);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                assertEquals(i == j ? 1.0 : 0.0, gram.get(i, j), ROUND_OFF, "B^T B (" + i + ", " + j + ")");
                double expected = 0;
                if (i / 2 == j / 2 && i != j) {
                    expected = i > j ? speeds[i / 2] : -speeds[i / 2];
                }
                assertEquals(expected, blocks.get(i, j), ROUND_OFF, "B^T K B (" + i + ", " + j + ")");
            }
        }
    }

    @Test
    void distinctSpeedsComeOutDecreasing() {
        DMatrixRMaj skew = rotated(SyntheticRecordings.rotationGenerator(0.1, 0.5, 0.3), 1);
        double[] speeds = new double[3];
        DMatrixRMaj basis = SkewPlanes.of(skew, speeds);
        assertEquals(0.5, speeds[0], ROUND_OFF);
        assertEquals(0.3, speeds[1], ROUND_OFF);
        assertEquals(0.1, speeds[2], ROUND_OFF);
        assertBlockDiagonal(skew, basis, speeds);
    }

    @Test
    void repeatedSpeedsGiveInvariantPlanes() {
        DMatrixRMaj skew = rotated(SyntheticRecordings.rotationGenerator(0.4, 0.4, 0.2), 2);
        double[] speeds = new double[3];
        DMatrixRMaj basis = SkewPlanes.of(skew, speeds);
        assertEquals(0.4, speeds[0], ROUND_OFF);
        assertEquals(0.4, speeds[1], ROUND_OFF);
        assertBlockDiagonal(skew, basis, speeds);
    }

    @Test
    void zeroSpeedsAreCompletedOrthonormally() {
        DMatrixRMaj skew = rotated(SyntheticRecordings.rotationGenerator(0.7, 0, 0), 3);
        double[] speeds = new double[3];
        DMatrixRMaj basis = SkewPlanes.of(skew, speeds);
        assertEquals(0.7, speeds[0], ROUND_OFF);
        assertEquals(0.0, speeds[1]);
        assertEquals(0.0, speeds[2]);
        assertBlockDiagonal(skew, basis, speeds);
    }
}
