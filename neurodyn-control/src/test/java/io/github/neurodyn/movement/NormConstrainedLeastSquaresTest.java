package io.github.neurodyn.movement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.junit.jupiter.api.Test;

class NormConstrainedLeastSquaresTest {

    private static final double ROUND_OFF = 1e-9;

    @Test
    void solutionHasNormAndStationarity() {
        Random random = new Random(7);
        for (double rho : new double[] {0.01, 1.0, 100.0}) {
            DMatrixRMaj g = RandomMatrices_DDRM.rectangle(30, 6, -1, 1, random);
            DMatrixRMaj h = new DMatrixRMaj(6, 6);
            CommonOps_DDRM.multTransA(g, g, h);
            double[] rhs = new double[6];
            for (int d = 0; d < 6; d++) {
                rhs[d] = random.nextGaussian();
            }
            double[] a = NormConstrainedLeastSquares.solve(h, rhs, rho);
            assertEquals(rho, norm(a), ROUND_OFF * rho, "norm at rho " + rho);

            // Stationarity: g - H a = mu a with mu >= -lambda_min(H).
            double[] residual = residual(h, rhs, a);
            double mu = dot(a, residual) / (rho * rho);
            for (int d = 0; d < 6; d++) {
                residual[d] -= mu * a[d];
            }
            assertEquals(0.0, norm(residual), ROUND_OFF * Math.max(1, norm(rhs)), "stationarity at rho " + rho);
            assertTrue(mu >= -smallestEigenvalue(h) - ROUND_OFF, "multiplier at rho " + rho);
        }
    }

    @Test
    void hardCaseFollowsSmallestEigenvector() {
        DMatrixRMaj h = CommonOps_DDRM.diag(3.0, 1.0, 2.0);
        double[] a = NormConstrainedLeastSquares.solve(h, new double[3], 2.0);
        assertEquals(2.0, Math.abs(a[1]), ROUND_OFF, "component along the smallest eigenvector");
        for (int d : List.of(0, 2)) {
            assertEquals(0.0, a[d], ROUND_OFF, "component " + d);
        }
    }

    private static double[] residual(DMatrixRMaj h, double[] g, double[] a) {
        double[] r = g.clone();
        for (int i = 0; i < g.length; i++) {
            for (int j = 0; j < g.length; j++) {
                r[i] -= h.get(i, j) * a[j];
            }
        }
        return r;
    }

    private static double smallestEigenvalue(DMatrixRMaj h) {
        var eig = org.ejml.dense.row.factory.DecompositionFactory_DDRM.eig(h.numRows, false, true);
        eig.decompose(h.copy());
        double smallest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < h.numRows; i++) {
            smallest = Math.min(smallest, eig.getEigenvalue(i).real);
        }
        return smallest;
    }

    private static double dot(double[] x, double[] y) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += x[i] * y[i];
        }
        return sum;
    }

    private static double norm(double[] x) {
        return Math.sqrt(dot(x, x));
    }
}
