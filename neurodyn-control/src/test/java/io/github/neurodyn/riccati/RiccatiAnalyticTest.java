package io.github.neurodyn.riccati;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.api.NoStabilizingSolutionException;
import org.ejml.EjmlUnitTests;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** Riccati solutions with closed forms, and identities between equivalent problems. */
class RiccatiAnalyticTest {

    private static final double TOLERANCE = 1e-13;

    static DMatrixRMaj matrix(double[][] rows) {
        return new DMatrixRMaj(rows);
    }

    @Test
    void scalarContinuousMatchesFormula() {
        double a = 0.7;
        double b = 2.0;
        double q = 3.0;
        double r = 0.5;
        RiccatiSolution s = Riccati.continuous(matrix(new double[][] {{a}}), matrix(new double[][] {{b}}),
                matrix(new double[][] {{q}}), matrix(new double[][] {{r}})).solve();
        // a x + x a - x b r^-1 b x + q = 0, positive root
        double expected = r * (a + Math.sqrt(a * a + b * b * q / r)) / (b * b);
        assertEquals(expected, s.x().get(0, 0), TOLERANCE * expected);
        assertEquals(b * expected / r, s.gain().get(0, 0), TOLERANCE * b * expected / r);
        assertEquals(-Math.sqrt(a * a + b * b * q / r), s.closedLoopReal()[0], 1e-12);
    }

    @Test
    void scalarDiscreteMatchesFormula() {
        double a = 1.5;
        double q = 1.0;
        // With b = r = 1: x = q + a^2 x / (1 + x), so x^2 + (1 - a^2 - q) x - q = 0
        double p = 1 - a * a - q;
        double expected = (-p + Math.sqrt(p * p + 4 * q)) / 2;
        RiccatiSolution s = Riccati.discrete(matrix(new double[][] {{a}}), matrix(new double[][] {{1}}),
                matrix(new double[][] {{q}}), matrix(new double[][] {{1}})).solve();
        assertEquals(expected, s.x().get(0, 0), TOLERANCE * expected);
        assertTrue(Math.abs(s.closedLoopReal()[0]) < 1, "closed loop inside the unit circle");
    }

    @Test
    void doubleIntegratorMatchesFormula() {
        DMatrixRMaj a = matrix(new double[][] {{0, 1}, {0, 0}});
        DMatrixRMaj b = matrix(new double[][] {{0}, {1}});
        RiccatiSolution s = Riccati.continuous(a, b, CommonOps_DDRM.identity(2), matrix(new double[][] {{1}}))
                .solve();
        double root3 = Math.sqrt(3);
        EjmlUnitTests.assertEquals(matrix(new double[][] {{root3, 1}, {1, root3}}), s.x(), TOLERANCE);
        EjmlUnitTests.assertEquals(matrix(new double[][] {{1, root3}}), s.gain(), TOLERANCE);
        assertEquals(RiccatiMethod.SCHUR, s.method());
    }

    @Test
    void descriptorMatchesReducedProblem() {
        DMatrixRMaj a = matrix(new double[][] {{-1, 2}, {0.5, 0.3}});
        DMatrixRMaj b = matrix(new double[][] {{1, 0}, {0.2, 1}});
        DMatrixRMaj q = matrix(new double[][] {{2, 0.5}, {0.5, 1}});
        DMatrixRMaj r = matrix(new double[][] {{1, 0.1}, {0.1, 2}});
        DMatrixRMaj e = matrix(new double[][] {{2, 0.3}, {-0.4, 1.5}});
        DMatrixRMaj eInverse = CommonOps_DDRM.identity(2);
        CommonOps_DDRM.invert(e, eInverse);
        for (boolean continuous : new boolean[] {true, false}) {
            DMatrixRMaj aOriginal = a.copy();
            if (!continuous) {
                CommonOps_DDRM.scale(0.4, aOriginal);
            }
            DMatrixRMaj aScaled = mult(eInverse, aOriginal);
            RiccatiSolution withE = pose(continuous, aOriginal, b, q, r).withE(e).solve();
            RiccatiSolution reduced = pose(continuous, aScaled, mult(eInverse, b), q, r).solve();
            // Y = E^T X E solves the equation with E^-1 A and E^-1 B
            DMatrixRMaj y = new DMatrixRMaj(2, 2);
            CommonOps_DDRM.multTransA(e, mult(withE.x(), e), y);
            EjmlUnitTests.assertEquals(reduced.x(), y, 1e-12);
        }
    }

    @Test
    void crossTermMatchesFoldedProblem() {
        DMatrixRMaj a = matrix(new double[][] {{0.2, 1, 0}, {0, -0.5, 1}, {0.3, 0, 0.1}});
        DMatrixRMaj b = matrix(new double[][] {{1, 0}, {0, 0}, {0, 1}});
        DMatrixRMaj q = CommonOps_DDRM.diag(3, 2, 1);
        DMatrixRMaj r = CommonOps_DDRM.diag(2, 1);
        DMatrixRMaj s = matrix(new double[][] {{0.1, 0.2}, {0.3, -0.1}, {0, 0.2}});
        RiccatiSolution withS = Riccati.continuous(a, b, q, r).withCrossTerm(s).solve();

        // A - B R^-1 S^T and Q - S R^-1 S^T give the same X
        DMatrixRMaj rInverse = new DMatrixRMaj(2, 2);
        CommonOps_DDRM.invert(r, rInverse);
        DMatrixRMaj rInverseSt = new DMatrixRMaj(2, 3);
        CommonOps_DDRM.multTransB(rInverse, s, rInverseSt);
        DMatrixRMaj aFolded = a.copy();
        CommonOps_DDRM.multAdd(-1, b, rInverseSt, aFolded);
        DMatrixRMaj qFolded = q.copy();
        CommonOps_DDRM.multAdd(-1, s, rInverseSt, qFolded);
        RiccatiSolution folded = Riccati.continuous(aFolded, b, symmetric(qFolded), r).solve();
        EjmlUnitTests.assertEquals(folded.x(), withS.x(), 1e-12);
    }

    @Test
    void imaginaryAxisEigenvaluesRaise() {
        // Undamped oscillator with no input: the Hamiltonian has eigenvalues +-i
        DMatrixRMaj a = matrix(new double[][] {{0, 1}, {-1, 0}});
        DMatrixRMaj b = new DMatrixRMaj(2, 1);
        RiccatiProblem problem = Riccati.continuous(a, b, CommonOps_DDRM.identity(2), matrix(new double[][] {{1}}));
        assertThrows(NoStabilizingSolutionException.class, problem::solve);
    }

    @Test
    void unstabilisablePairRaises() {
        DMatrixRMaj a = CommonOps_DDRM.diag(1, 2);
        DMatrixRMaj b = new DMatrixRMaj(2, 1);
        DMatrixRMaj q = CommonOps_DDRM.identity(2);
        DMatrixRMaj r = matrix(new double[][] {{1}});
        assertThrows(NoStabilizingSolutionException.class, () -> Riccati.continuous(a, b, q, r).solve());
        DMatrixRMaj unstableDiscrete = CommonOps_DDRM.diag(1.5, 2);
        assertThrows(NoStabilizingSolutionException.class,
                () -> Riccati.discrete(unstableDiscrete, b, q, r).solve());
    }

    private static RiccatiProblem pose(boolean continuous, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj q,
            DMatrixRMaj r) {
        return continuous ? Riccati.continuous(a, b, q, r) : Riccati.discrete(a, b, q, r);
    }

    private static DMatrixRMaj mult(DMatrixRMaj x, DMatrixRMaj y) {
        DMatrixRMaj c = new DMatrixRMaj(x.numRows, y.numCols);
        CommonOps_DDRM.mult(x, y, c);
        return c;
    }

    private static DMatrixRMaj symmetric(DMatrixRMaj m) {
        DMatrixRMaj t = CommonOps_DDRM.transpose(m, null);
        CommonOps_DDRM.add(0.5, m, 0.5, t, t);
        return t;
    }
}
