package io.github.neurodyn.lqr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.EjmlUnitTests;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.api.Test;

/** Infinite- and finite-horizon LQR. */
class LqrTest {

    static final DMatrixRMaj A = new DMatrixRMaj(new double[][] {{0, 1, 0}, {0, 0, 1}, {-0.5, 0.2, 0.3}});
    static final DMatrixRMaj B = new DMatrixRMaj(new double[][] {{0}, {0}, {1}});
    static final DMatrixRMaj Q = CommonOps_DDRM.diag(1, 0.5, 0.2);
    static final DMatrixRMaj R = new DMatrixRMaj(new double[][] {{0.1}});

    /** Relative difference of X(0) between a coarse and a fine output grid. */
    private static final double GRID_INDEPENDENCE = 1e-9;

    static double relativeDifference(DMatrixRMaj x, DMatrixRMaj y) {
        return NormOps_DDRM.normF(CommonOps_DDRM.subtract(x, y, null)) / NormOps_DDRM.normF(y);
    }

    @Test
    void continuousGainIsInverseRTimesBtX() {
        LqrGain lqr = Lqr.continuous(A, B, Q, R);
        DMatrixRMaj btx = new DMatrixRMaj(1, 3);
        CommonOps_DDRM.multTransA(B, lqr.costMatrix(), btx);
        CommonOps_DDRM.scale(1 / R.get(0, 0), btx);
        EjmlUnitTests.assertEquals(btx, lqr.gain(), 1e-12);
        DMatrixRMaj closed = A.copy();
        CommonOps_DDRM.multAdd(-1, B, lqr.gain(), closed);
        EjmlUnitTests.assertEquals(closed, lqr.closedLoop(), 1e-15);
        for (double re : lqr.riccati().closedLoopReal()) {
            assertTrue(re < 0, "closed-loop eigenvalue real part " + re);
        }
    }

    @Test
    void discreteGainStabilises() {
        DMatrixRMaj ad = CommonOps_DDRM.identity(3);
        CommonOps_DDRM.scale(1.1, ad);
        ad.set(0, 1, 0.5);
        ad.set(2, 2, 0.8);
        LqrGain lqr = Lqr.discrete(ad, new DMatrixRMaj(new double[][] {{0}, {0.3}, {1}}), Q, R);
        double[] re = lqr.riccati().closedLoopReal();
        double[] im = lqr.riccati().closedLoopImag();
        for (int i = 0; i < re.length; i++) {
            assertTrue(Math.hypot(re[i], im[i]) < 1, "closed-loop eigenvalue modulus " + Math.hypot(re[i], im[i]));
        }
    }

    @Test
    void scalarFiniteHorizonMatchesClosedForm() {
        double a = 0.4;
        double b = 1.0;
        double q = 2.0;
        double r = 0.5;
        double f = 0.3;
        double horizon = 2.0;
        FiniteHorizonSolution s = Lqr.finiteHorizon(m(a), m(b), m(q), m(r), m(f), horizon, 400);

        // In reversed time s = T - t, (x - x+)/(x - x-) decays like exp(-2 beta s)
        double g = b * b / r;
        double beta = Math.sqrt(a * a + g * q);
        double plus = (a + beta) / g;
        double minus = (a - beta) / g;
        double c = (f - plus) / (f - minus);
        for (int k = 0; k < s.size(); k++) {
            double decay = c * Math.exp(-2 * beta * (horizon - s.timesSeconds()[k]));
            double expected = (plus - minus * decay) / (1 - decay);
            assertEquals(expected, s.costMatrix(k).get(0, 0), 1e-9 * expected, "X at step " + k);
            assertEquals(b * expected / r, s.gain(k).get(0, 0), 1e-9 * b * expected / r, "K at step " + k);
        }
    }

    @Test
    void finiteHorizonConvergesToAlgebraicSolution() {
        LqrGain algebraic = Lqr.continuous(A, B, Q, R);
        DMatrixRMaj zero = new DMatrixRMaj(3, 3);
        double previous = Double.POSITIVE_INFINITY;
        for (double horizon : new double[] {2, 5, 20}) {
            FiniteHorizonSolution s = Lqr.finiteHorizon(A, B, Q, R, zero, horizon, (int) (200 * horizon));
            double difference = relativeDifference(s.costMatrix(0), algebraic.costMatrix());
            assertTrue(difference < previous, "difference does not shrink with the horizon: " + difference);
            previous = difference;
        }
        assertTrue(previous < 1e-9, "X(0) after 20 s differs from the algebraic solution by " + previous);
    }

    @Test
    void coarseGridMatchesFineGrid() {
        // The substeps follow the local error estimate, not the output grid, so 40 and 1600
        // grid steps must give the same X(0) to the accuracy of the substeps.
        DMatrixRMaj terminal = CommonOps_DDRM.identity(3);
        DMatrixRMaj fine = Lqr.finiteHorizon(A, B, Q, R, terminal, 1, 1600).costMatrix(0);

        double coarse = relativeDifference(Lqr.finiteHorizon(A, B, Q, R, terminal, 1, 40).costMatrix(0), fine);

        assertTrue(coarse < GRID_INDEPENDENCE, "X(0) on 40 steps differs from 1600 steps by " + coarse);
    }

    @Test
    void finiteHorizonRejectsBadArguments() {
        DMatrixRMaj terminal = CommonOps_DDRM.identity(3);
        assertThrows(IllegalArgumentException.class, () -> Lqr.finiteHorizon(A, B, Q, R, terminal, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> Lqr.finiteHorizon(A, B, Q, R, terminal, 1, 0));
        assertThrows(IllegalArgumentException.class,
                () -> Lqr.finiteHorizon(A, B, Q, R, terminal, 1, Integer.MAX_VALUE));
        assertThrows(IllegalArgumentException.class,
                () -> Lqr.finiteHorizon(A, B, Q, R, CommonOps_DDRM.identity(2), 1, 10));
        DMatrixRMaj asymmetric = CommonOps_DDRM.identity(3);
        asymmetric.set(0, 2, 1);
        assertThrows(IllegalArgumentException.class, () -> Lqr.finiteHorizon(A, B, Q, R, asymmetric, 1, 10));
    }

    @Test
    void randomFiniteHorizonStaysSymmetric() {
        Random random = new Random(5);
        int n = 12;
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        DMatrixRMaj b = new DMatrixRMaj(n, 3);
        a.data = random.doubles(n * n).map(v -> v - 0.5).toArray();
        b.data = random.doubles(n * 3).map(v -> v - 0.5).toArray();
        FiniteHorizonSolution s = Lqr.finiteHorizon(a, b, CommonOps_DDRM.identity(n), CommonOps_DDRM.identity(3),
                CommonOps_DDRM.identity(n), 1, 100);
        DMatrixRMaj x = s.costMatrix(0);
        EjmlUnitTests.assertEquals(CommonOps_DDRM.transpose(x, null), x, 0.0);
        assertEquals(101, s.size());
    }

    private static DMatrixRMaj m(double value) {
        return new DMatrixRMaj(new double[][] {{value}});
    }
}
