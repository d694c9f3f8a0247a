package io.github.neurodyn.lqr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.api.NotConvergedException;
import io.github.neurodyn.linalg.MatrixExponential;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * Finite-horizon LQR where fixed RK4 steps of length T / steps are unstable: a terminal cost
 * 1e6 times Q, and a fast A. The solution is checked against the closed form of the scalar
 * Riccati equation and against exact Hamiltonian steps.
 */
class FiniteHorizonStiffTest {

    /** Relative error of X against the scalar closed form at each grid point (measured: 2.4e-12). */
    private static final double CLOSED_FORM_TOLERANCE = 1e-10;

    /**
     * Relative Frobenius error of X against the reference at each grid point. The reference
     * itself loses about 1e-9 to rounding in the stiff case (measured 5e-10 with 100 and 2e-9
     * with 20 Hamiltonian steps per interval), and the fast case agrees to 8e-13.
     */
    private static final double REFERENCE_TOLERANCE = 2e-9;

    /**
     * Exact Hamiltonian steps of the reference per output interval. Rounding grows with more
     * steps and the conditioning of {@code Phi11 + Phi12 X} with fewer, and 100 gave the
     * smallest error in the stiff case.
     */
    private static final int REFERENCE_SUBSTEPS = 100;

    /** Factor between the terminal weight and Q in the stiff cases. */
    private static final double TERMINAL_FACTOR = 1e6;

    @Test
    void scalarStiffTerminalMatchesClosedForm() {
        double a = 0.5;
        double b = 2.0;
        double q = 1.0;
        double r = 0.1;
        double terminal = TERMINAL_FACTOR * q;
        double horizon = 1.0;
        int steps = 50;

        FiniteHorizonSolution solution = Lqr.finiteHorizon(scalar(a), scalar(b), scalar(q), scalar(r),
                scalar(terminal), horizon, steps);

        // In reversed time s = T - t, dP/ds = 2 a P - g P^2 + q with g = b^2 / r, whose roots
        // are P+ > 0 > P-. Then (P - P+) / (P - P-) = c e^(-2 beta s), beta = sqrt(a^2 + g q),
        // c = (S - P+) / (S - P-), so P = P+ + (P+ - P-) c e^(-2 beta s) / (1 - c e^(-2 beta s)).
        // The denominator is written as -expm1(-2 beta s) + (1 - c) e^(-2 beta s), because c is
        // within 1e-5 of 1 and the plain form loses digits near s = 0.
        double g = b * b / r;
        double beta = Math.sqrt(a * a + g * q);
        double plus = (a + beta) / g;
        double minus = (a - beta) / g;
        double c = (terminal - plus) / (terminal - minus);
        double oneMinusC = (plus - minus) / (terminal - minus);
        for (int k = 0; k <= steps; k++) {
            double s = horizon - solution.timesSeconds()[k];
            double decay = Math.exp(-2 * beta * s);
            double expected = plus + (plus - minus) * c * decay / (-Math.expm1(-2 * beta * s) + oneMinusC * decay);

            double actual = solution.costMatrix(k).get(0, 0);

            assertEquals(expected, actual, CLOSED_FORM_TOLERANCE * expected, "X at t = " + solution.timesSeconds()[k]);
        }
    }

    @Test
    void tenStateStiffTerminalMatchesReference() {
        int n = 10;
        Random random = new Random(20261205L);
        DMatrixRMaj a = gaussian(n, n, 1 / Math.sqrt(n), random);
        DMatrixRMaj b = gaussian(n, 3, 1.0, random);
        DMatrixRMaj q = CommonOps_DDRM.identity(n);
        DMatrixRMaj r = CommonOps_DDRM.identity(3);
        DMatrixRMaj terminal = CommonOps_DDRM.identity(n);
        CommonOps_DDRM.scale(TERMINAL_FACTOR, terminal);

        assertMatchesReference(a, b, q, r, terminal, 1.0, 20);
    }

    @Test
    void fastTenStateSystemMatchesReference() {
        // Eigenvalues near -200 1/s: h ||A|| is about 10 for 20 steps over 1 s, beyond the
        // RK4 stability limit of 2.785.
        int n = 10;
        Random random = new Random(20261206L);
        DMatrixRMaj a = gaussian(n, n, 20 / Math.sqrt(n), random);
        for (int i = 0; i < n; i++) {
            a.add(i, i, -200);
        }
        DMatrixRMaj b = gaussian(n, 2, 1.0, random);
        DMatrixRMaj q = CommonOps_DDRM.identity(n);
        DMatrixRMaj r = CommonOps_DDRM.identity(2);
        DMatrixRMaj terminal = CommonOps_DDRM.identity(n);

        assertMatchesReference(a, b, q, r, terminal, 1.0, 20);
    }

    @Test
    void finiteEscapeRaisesNotConverged() {
        // a = 0, b = r = 1, q = -1, S = 0: dP/ds = -1 - P^2 gives P = -tan(s), which escapes at
        // s = pi/2, that is at t = 2 - pi/2 = 0.4292 s for T = 2.
        NotConvergedException e = assertThrows(NotConvergedException.class, () -> Lqr.finiteHorizon(scalar(0),
                scalar(1), scalar(-1), scalar(1), scalar(0), 2.0, 10));

        assertTrue(e.getMessage().contains("past t = 0.429"), e.getMessage());
    }

    private static void assertMatchesReference(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj q, DMatrixRMaj r,
            DMatrixRMaj terminal, double horizon, int steps) {
        FiniteHorizonSolution solution = Lqr.finiteHorizon(a, b, q, r, terminal, horizon, steps);
        HamiltonianReference reference = new HamiltonianReference(a, b, q, r, horizon / steps / REFERENCE_SUBSTEPS);

        DMatrixRMaj expected = terminal.copy();
        for (int k = steps; k >= 0; k--) {
            if (k < steps) {
                for (int substep = 0; substep < REFERENCE_SUBSTEPS; substep++) {
                    expected = reference.step(expected);
                }
            }

            double error = relativeDistance(expected, solution.costMatrix(k));

            assertTrue(error <= REFERENCE_TOLERANCE, "X at t = " + solution.timesSeconds()[k]
                    + " differs from the reference by " + error);
        }
    }

    /**
     * Exact steps of the Riccati equation in reversed time,
     * {@code dX/ds = A^T X + X A - X G X + Q} with {@code G = B R^-1 B^T}: X = Y Z^-1 for
     * {@code d[Z; Y]/ds = M [Z; Y]}, {@code M = [[-A, G], [Q, A^T]]}, restarted from Z = I at
     * every step. With {@code Phi = e^(M delta)} one step maps X to
     * {@code (Phi21 + Phi22 X) (Phi11 + Phi12 X)^-1}. No Runge-Kutta stage is involved, and
     * short steps keep {@code Phi11 + Phi12 X} well conditioned when X is large.
     */
    private static final class HamiltonianReference {
        private final DMatrixRMaj phi11;
        private final DMatrixRMaj phi12;
        private final DMatrixRMaj phi21;
        private final DMatrixRMaj phi22;

        HamiltonianReference(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj q, DMatrixRMaj r, double stepSeconds) {
            int n = a.numRows;
            DMatrixRMaj rInverse = new DMatrixRMaj(r.numRows, r.numRows);
            CommonOps_DDRM.invert(r, rInverse);
            DMatrixRMaj bRInverse = new DMatrixRMaj(n, r.numRows);
            CommonOps_DDRM.mult(b, rInverse, bRInverse);
            DMatrixRMaj g = new DMatrixRMaj(n, n);
            CommonOps_DDRM.multTransB(bRInverse, b, g);

            DMatrixRMaj m = new DMatrixRMaj(2 * n, 2 * n);
            DMatrixRMaj minusA = a.copy();
            CommonOps_DDRM.scale(-1, minusA);
            CommonOps_DDRM.insert(minusA, m, 0, 0);
            CommonOps_DDRM.insert(g, m, 0, n);
            CommonOps_DDRM.insert(q, m, n, 0);
            CommonOps_DDRM.insert(CommonOps_DDRM.transpose(a, null), m, n, n);
            DMatrixRMaj phi = MatrixExponential.of(m, stepSeconds);
            phi11 = CommonOps_DDRM.extract(phi, 0, n, 0, n);
            phi12 = CommonOps_DDRM.extract(phi, 0, n, n, 2 * n);
            phi21 = CommonOps_DDRM.extract(phi, n, 2 * n, 0, n);
            phi22 = CommonOps_DDRM.extract(phi, n, 2 * n, n, 2 * n);
        }

        /** Returns X one step further in reversed time, symmetrised. */
        DMatrixRMaj step(DMatrixRMaj x) {
            DMatrixRMaj z = phi11.copy();
            CommonOps_DDRM.multAdd(phi12, x, z);
            DMatrixRMaj y = phi21.copy();
            CommonOps_DDRM.multAdd(phi22, x, y);

            // X' = Y Z^-1, solved as Z^T X'^T = Y^T
            DMatrixRMaj transposed = new DMatrixRMaj(x.numRows, x.numRows);
            assertTrue(CommonOps_DDRM.solve(CommonOps_DDRM.transpose(z, null), CommonOps_DDRM.transpose(y, null),
                    transposed), "singular reference step");
            DMatrixRMaj next = CommonOps_DDRM.transpose(transposed, null);
            DMatrixRMaj symmetric = CommonOps_DDRM.transpose(next, null);
            CommonOps_DDRM.addEquals(symmetric, next);
            CommonOps_DDRM.scale(0.5, symmetric);
            return symmetric;
        }
    }

    private static DMatrixRMaj scalar(double value) {
        return new DMatrixRMaj(new double[][] {{value}});
    }

    private static DMatrixRMaj gaussian(int rows, int cols, double scale, Random random) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int k = 0; k < rows * cols; k++) {
            m.data[k] = scale * random.nextGaussian();
        }
        return m;
    }

    private static double relativeDistance(DMatrixRMaj expected, DMatrixRMaj actual) {
        DMatrixRMaj difference = actual.copy();
        CommonOps_DDRM.subtractEquals(difference, expected);
        return NormOps_DDRM.normF(difference) / NormOps_DDRM.normF(expected);
    }
}
