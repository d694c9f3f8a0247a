package io.github.neurodyn.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class SubspaceAnglesTest {

    private static final double ROUND_OFF = 1e-14;

    @Test
    void hadamardHalvesAreOrthogonal() {
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{1, 1}, {1, -1}, {1, 1}, {1, -1}});
        DMatrixRMaj b = new DMatrixRMaj(new double[][] {{1, 1}, {1, -1}, {-1, -1}, {-1, 1}});
        double[] angles = SubspaceAngles.between(a, b);
        assertEquals(Math.PI / 2, angles[0], ROUND_OFF);
        assertEquals(Math.PI / 2, angles[1], ROUND_OFF);
    }

    @Test
    void knownAnglesAreRecoveredIncludingTinyOnes() {
        for (double theta : new double[] {1e-12, 1e-7, 0.3, 1.2}) {
            DMatrixRMaj rotation = SyntheticRecordings.orthonormalColumns(5, 5, new Random(3));
            DMatrixRMaj a = new DMatrixRMaj(5, 2);
            a.set(0, 0, 1);
            a.set(1, 1, 1);
            DMatrixRMaj b = new DMatrixRMaj(5, 2);
            b.set(0, 0, 2);
            b.set(1, 1, Math.cos(theta));
            b.set(2, 1, Math.sin(theta));
            DMatrixRMaj ra = new DMatrixRMaj(5, 2);
            DMatrixRMaj rb = new DMatrixRMaj(5, 2);
            CommonOps_DDRM.mult(rotation, a, ra);
            CommonOps_DDRM.mult(rotation, b, rb);
            double[] angles = SubspaceAngles.between(ra, rb);
            assertEquals(0.0, angles[0], 1e-15, "shared direction, theta = " + theta);
            assertEquals(theta, angles[1], 1e-15 + 1e-13 * theta, "theta = " + theta);
        }
    }

    @Test
    void anglesDoNotDependOnOrderOrBasis() {
        Random random = new Random(5);
        DMatrixRMaj a = SyntheticRecordings.gaussian(8, 3, random);
        DMatrixRMaj b = SyntheticRecordings.gaussian(8, 2, random);
        double[] forward = SubspaceAngles.between(a, b);
        double[] backward = SubspaceAngles.between(b, a);
        DMatrixRMaj mixed = new DMatrixRMaj(8, 3);
        CommonOps_DDRM.mult(a, new DMatrixRMaj(new double[][] {{1, 2, 0}, {0, 1, 3}, {1, 0, 1}}), mixed);
        double[] rebased = SubspaceAngles.between(mixed, b);
        assertEquals(2, forward.length);
        for (int i = 0; i < 2; i++) {
            assertEquals(forward[i], backward[i], 1e-12, "angle " + i);
            assertEquals(forward[i], rebased[i], 1e-12, "angle " + i);
        }
    }

    @Test
    void rejectsDependentColumnsAndShapeMismatch() {
        DMatrixRMaj dependent = new DMatrixRMaj(new double[][] {{1, 2}, {1, 2}, {0, 0}});
        DMatrixRMaj fine = new DMatrixRMaj(new double[][] {{1}, {0}, {0}});
        assertThrows(IllegalArgumentException.class, () -> SubspaceAngles.between(dependent, fine));
        assertThrows(IllegalArgumentException.class, () -> SubspaceAngles.between(fine, new DMatrixRMaj(4, 1, true, 1, 0, 0, 0)));
        assertThrows(IllegalArgumentException.class, () -> SubspaceAngles.between(new DMatrixRMaj(3, 0), fine));
    }
}
