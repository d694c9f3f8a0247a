package io.github.neurodyn.riccati;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.api.NoStabilizingSolutionException;
import io.github.neurodyn.linalg.Eigenvalues;
import io.github.neurodyn.linalg.RealSchur;
import io.github.neurodyn.testing.MatrixFamily;
import io.github.neurodyn.testing.PropertyCase;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Properties of the stabilising CARE and DARE solutions on random matrix families at sizes 1
 * to 200 and scales 1e-8 to 1e8, with Gaussian B of n/4 columns (at least one), Q = I and
 * R = I.
 *
 * <p>Checked on every case: the relative residual (reported and recomputed), exact symmetry,
 * X positive definite, the closed-loop eigenvalues of A - B K (recomputed, not the reported
 * ones) in the open left half plane or inside the unit disc, and a scaling law. For the CARE,
 * scaling A and B by c scales X by 1/c. For the DARE, which the scale of A would make stable
 * or unstable, Q and R are scaled by c instead, which scales X by c.
 */
class RiccatiPropertyTest {

    /** Bound on the relative residual. */
    private static final double RESIDUAL_BOUND = 1e-10;
    /** Smallest eigenvalue of X relative to its norm; Q = I makes X positive definite. */
    private static final double DEFINITENESS_SLACK = -1e-12;
    /** Agreement of the scaled solution with the unscaled one, relative in Frobenius norm. */
    private static final double SCALING_TOLERANCE = 1e-7;

    private static final MatrixFamily[] FAMILIES = MatrixFamily.values();

    private static DMatrixRMaj inputMatrix(PropertyCase c) {
        int m = Math.max(1, c.n() / 4);
        return MatrixFamily.gaussian(c.n(), m, 1, new Random(c.seed() + 101));
    }

    private static void checkContinuous(PropertyCase c) {
        DMatrixRMaj a = c.family().draw(c.n(), c.seed(), c.scale(), false);
        DMatrixRMaj b = inputMatrix(c);
        CommonOps_DDRM.scale(c.scale(), b);
        int m = b.numCols;
        RiccatiProblem problem = Riccati.continuous(a, b, CommonOps_DDRM.identity(c.n()), CommonOps_DDRM.identity(m));
        RiccatiSolution solution = problem.solve();

        checkSolution(problem, solution);
        DMatrixRMaj closedLoop = closedLoop(a, b, solution.gain());
        double maxReal = RealSchur.eigenvalues(closedLoop, true).maxReal();
        assertTrue(maxReal < 0, () -> "closed-loop spectral abscissa " + maxReal);

        if (c.scale() != 1.0) {
            DMatrixRMaj unscaledA = c.family().draw(c.n(), c.seed(), 1.0, false);
            DMatrixRMaj reference = Riccati.continuous(unscaledA, inputMatrix(c), CommonOps_DDRM.identity(c.n()),
                    CommonOps_DDRM.identity(m)).solve().x();
            DMatrixRMaj scaledBack = solution.x();
            CommonOps_DDRM.scale(c.scale(), scaledBack);
            assertRelativelyClose(reference, scaledBack, "c X(c A, c B) against X(A, B)");
        }
    }

    private static void checkDiscrete(PropertyCase c) {
        DMatrixRMaj a = c.family().draw(c.n(), c.seed(), 1.0, true);
        DMatrixRMaj b = inputMatrix(c);
        int m = b.numCols;
        DMatrixRMaj q = CommonOps_DDRM.identity(c.n());
        DMatrixRMaj r = CommonOps_DDRM.identity(m);
        CommonOps_DDRM.scale(c.scale(), q);
        CommonOps_DDRM.scale(c.scale(), r);
        RiccatiProblem problem = Riccati.discrete(a, b, q, r);
        RiccatiSolution solution = problem.solve();

        checkSolution(problem, solution);
        Eigenvalues eigenvalues = RealSchur.eigenvalues(closedLoop(a, b, solution.gain()), true);
        double radius = 0;
        for (int i = 0; i < c.n(); i++) {
            radius = Math.max(radius, Math.hypot(eigenvalues.real()[i], eigenvalues.imag()[i]));
        }
        double closedLoopRadius = radius;
        assertTrue(closedLoopRadius < 1, () -> "closed-loop spectral radius " + closedLoopRadius);

        if (c.scale() != 1.0) {
            DMatrixRMaj reference = Riccati.discrete(a, b, CommonOps_DDRM.identity(c.n()),
                    CommonOps_DDRM.identity(m)).solve().x();
            DMatrixRMaj scaledBack = solution.x();
            CommonOps_DDRM.divide(scaledBack, c.scale());
            assertRelativelyClose(reference, scaledBack, "X(c Q, c R) / c against X(Q, R)");
        }
    }

    private static void checkSolution(RiccatiProblem problem, RiccatiSolution solution) {
        DMatrixRMaj x = solution.x();
        assertTrue(solution.relativeResidual() <= RESIDUAL_BOUND,
                () -> "reported relative residual " + solution.relativeResidual());
        double recomputed = problem.relativeResidual(x);
        assertTrue(recomputed <= RESIDUAL_BOUND, () -> "recomputed relative residual " + recomputed);
        DMatrixRMaj transposed = CommonOps_DDRM.transpose(x, null);
        assertEquals(0.0, NormOps_DDRM.normF(CommonOps_DDRM.subtract(x, transposed, null)), 0.0, "X symmetric");
        double smallest = smallestEigenvalue(x) / NormOps_DDRM.normF(x);
        assertTrue(smallest > DEFINITENESS_SLACK, () -> "smallest eigenvalue of X / ||X|| " + smallest);
        assertTrue(solution.stabilityMargin() > 0, () -> "reported stability margin " + solution.stabilityMargin());
    }

    private static DMatrixRMaj closedLoop(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj gain) {
        DMatrixRMaj closed = a.copy();
        CommonOps_DDRM.multAdd(-1, b, gain, closed);
        return closed;
    }

    private static double smallestEigenvalue(DMatrixRMaj symmetric) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(symmetric.numRows, false, true);
        assertTrue(eig.decompose(symmetric.copy()), "symmetric eigendecomposition");
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < symmetric.numRows; i++) {
            min = Math.min(min, eig.getEigenvalue(i).real);
        }
        return min;
    }

    private static void assertRelativelyClose(DMatrixRMaj expected, DMatrixRMaj actual, String label) {
        double error = NormOps_DDRM.normF(CommonOps_DDRM.subtract(expected, actual, null))
                / NormOps_DDRM.normF(expected);
        assertTrue(error <= SCALING_TOLERANCE, () -> label + ": relative difference " + error);
    }

    @Test
    void continuousSmallSample() {
        PropertyCase.checkAll(PropertyCase.grid(FAMILIES, new int[] {1, 2, 5, 12}, new long[] {1},
                new double[] {1e-8, 1, 1e8}), RiccatiPropertyTest::checkContinuous);
    }

    @Test
    void discreteSmallSample() {
        PropertyCase.checkAll(PropertyCase.grid(FAMILIES, new int[] {1, 2, 5, 12}, new long[] {1},
                new double[] {1e-8, 1, 1e8}), RiccatiPropertyTest::checkDiscrete);
    }

    /**
     * Regression: the continuous equation with n = 0 raised EJML's MatrixDimensionException
     * from the Hamiltonian Schur method, while the discrete one returned the empty solution.
     */
    @Test
    void emptyEquationsHaveEmptySolutions() {
        for (MatrixFamily family : FAMILIES) {
            PropertyCase empty = new PropertyCase(family, 0, 1, 1.0);
            checkEmpty(Riccati.continuous(family.draw(0, 1, 1.0, false), inputMatrix(empty), new DMatrixRMaj(0, 0),
                    CommonOps_DDRM.identity(1)).solve());
            checkEmpty(Riccati.discrete(family.draw(0, 1, 1.0, true), inputMatrix(empty), new DMatrixRMaj(0, 0),
                    CommonOps_DDRM.identity(1)).solve());
        }
    }

    private static void checkEmpty(RiccatiSolution solution) {
        assertEquals(0, solution.x().getNumElements(), "X is 0 x 0");
        assertEquals(1, solution.gain().numRows, "K has m = 1 row");
        assertEquals(0, solution.gain().numCols, "K has n = 0 columns");
        assertEquals(0.0, solution.relativeResidual(), 0.0, "relative residual");
    }

    /**
     * A perturbed Jordan block driven through one input is controllable in exact arithmetic
     * but barely so numerically. At order 26 the DARE solution has ||X|| of about 4e10; at
     * order 40 the solver finds no stabilising X (measured). Each case must either pass every
     * property or raise {@link NoStabilizingSolutionException}, never another exception.
     */
    @Test
    void singleInputJordanIsSolvedOrRejected() {
        for (int n : new int[] {26, 40}) {
            DMatrixRMaj a = MatrixFamily.NEARLY_DEFECTIVE.draw(n, 1, 1.0, true);
            DMatrixRMaj b = MatrixFamily.gaussian(n, 1, 1, new Random(102));
            RiccatiProblem problem = Riccati.discrete(a, b, CommonOps_DDRM.identity(n), CommonOps_DDRM.identity(1));
            RiccatiSolution solution;
            try {
                solution = problem.solve();
            } catch (NoStabilizingSolutionException rejected) {
                assertTrue(rejected.getMessage().contains("not stabilising"), rejected.getMessage());
                continue;
            }
            checkSolution(problem, solution);
        }
    }

    @Tag("slow")
    @Test
    void continuousWideSweep() {
        PropertyCase.checkAll(PropertyCase.grid(FAMILIES, new int[] {1, 2, 3, 4, 6, 9, 16, 30, 60, 100, 200},
                new long[] {1, 2, 3}, new double[] {1e-8, 1e-4, 1, 1e4, 1e8}), RiccatiPropertyTest::checkContinuous);
    }

    @Tag("slow")
    @Test
    void discreteWideSweep() {
        PropertyCase.checkAll(PropertyCase.grid(FAMILIES, new int[] {1, 2, 3, 4, 6, 9, 16, 30, 60, 100, 200},
                new long[] {1, 2, 3}, new double[] {1e-8, 1e-4, 1, 1e4, 1e8}), RiccatiPropertyTest::checkDiscrete);
    }
}
