package io.github.neurodyn.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import io.github.neurodyn.api.NotConvergedException;

class RealSchurTest {

    /** Eigenvalue agreement with Hipparchus, relative to max(1, ||A||_F). */
    private static final double EIGENVALUE_TOLERANCE = 1e-9;

    private static final int[] DEFAULT_SIZES = {0, 1, 2, 3, 5, 10, 50, 100};
    private static final int[] SLOW_SIZES = {300, 500};

    private record Family(String name, BiFunction<Integer, Long, DMatrixRMaj> build, boolean wellConditioned) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Family> FAMILIES = List.of(
            new Family("gaussian", Matrices::gaussian, true),
            new Family("stable", Matrices::stable, true),
            new Family("nonnormal", Matrices::nonnormal, false),
            new Family("nearly defective", Matrices::nearlyDefective, false),
            new Family("clustered", Matrices::clustered, false),
            new Family("badly scaled", Matrices::badlyScaled, false),
            new Family("zero", (n, seed) -> new DMatrixRMaj(n, n), false),
            new Family("triangular", Matrices::triangular, true),
            new Family("diagonal", Matrices::diagonal, true),
            new Family("symmetric", Matrices::symmetric, true));

    static Stream<Arguments> defaultCases() {
        return cases(DEFAULT_SIZES);
    }

    static Stream<Arguments> slowCases() {
        return cases(SLOW_SIZES);
    }

    private static Stream<Arguments> cases(int[] sizes) {
        List<Arguments> cases = new ArrayList<>();
        for (Family family : FAMILIES) {
            for (int n : sizes) {
                cases.add(Arguments.of(family, n));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("defaultCases")
    void schurFormIsValid(Family family, int n) {
        checkFamily(family, n);
    }

    @Tag("slow")
    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("slowCases")
    void schurFormIsValidLarge(Family family, int n) {
        checkFamily(family, n);
    }

    private static void checkFamily(Family family, int n) {
        DMatrixRMaj a = family.build().apply(n, 1000L + n);
        DMatrixRMaj before = a.copy();
        SchurForm form = RealSchur.of(a);
        String label = family + " n=" + n;
        assertArrayEquals(before.data, a.data, 0.0, label + ": input was modified");
        SchurFormChecker.check(label, a, form);
        if (family.wellConditioned() && n > 0) {
            double tolerance = EIGENVALUE_TOLERANCE * Math.max(1, NormOps_DDRM.normF(a));
            EigenvalueMatching.assertSameMultiset(label, EigenvalueMatching.hipparchus(a),
                    form.eigenvaluesReal(), form.eigenvaluesImag(), tolerance);
        }
    }

    @Test
    void rotationGeneratorGivesStandardBlock() {
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{0, -3}, {3, 0}});
        SchurForm form = RealSchur.of(a);
        SchurFormChecker.check("rotation", a, form);
        assertEquals(0.0, form.eigenvaluesReal()[0], 1e-15);
        assertEquals(3.0, form.eigenvaluesImag()[0], 1e-15);
        assertEquals(-3.0, form.eigenvaluesImag()[1], 1e-15);
    }

    @Test
    void realPairIsSplit() {
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}});
        SchurForm form = RealSchur.of(a);
        SchurFormChecker.check("real 2x2", a, form);
        assertEquals(0.0, form.t().get(1, 0), 0.0);
        double root = Math.sqrt(33);
        double[] real = form.eigenvaluesReal();
        assertEquals(Math.max(real[0], real[1]), (5 + root) / 2, 1e-14);
        assertEquals(Math.min(real[0], real[1]), (5 - root) / 2, 1e-14);
    }

    @Test
    void triangularInputKeepsDiagonal() {
        DMatrixRMaj a = Matrices.triangular(6, 7);
        SchurForm form = RealSchur.of(a);
        double[] real = form.eigenvaluesReal();
        double[] diagonal = new double[6];
        for (int i = 0; i < 6; i++) {
            diagonal[i] = a.get(i, i);
        }
        java.util.Arrays.sort(real);
        java.util.Arrays.sort(diagonal);
        assertArrayEquals(diagonal, real, 0.0);
    }

    @Test
    void companionOfRepeatedRootConverges() {
        // Companion matrix of (x - 1)^4: one defective eigenvalue of multiplicity 4.
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {
                {4, -6, 4, -1}, {1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}});
        SchurForm form = RealSchur.of(a);
        SchurFormChecker.check("companion", a, form);
        double[] real = form.eigenvaluesReal();
        double[] imag = form.eigenvaluesImag();
        for (int k = 0; k < 4; k++) {
            // A defective eigenvalue of multiplicity 4 is only accurate to about eps^(1/4).
            assertEquals(1.0, Math.hypot(real[k] - 1, imag[k]) + 1, 1e-3, "eigenvalue " + k);
        }
    }

    @Test
    void eigenvaluesMatchSchurDiagonal() {
        DMatrixRMaj a = Matrices.gaussian(40, 3);
        SchurForm form = RealSchur.of(a);
        for (boolean balance : new boolean[] {false, true}) {
            Eigenvalues values = RealSchur.eigenvalues(a, balance);
            double tolerance = EIGENVALUE_TOLERANCE * NormOps_DDRM.normF(a);
            EigenvalueMatching.assertSameMultiset("balance=" + balance,
                    EigenvalueMatching.hipparchus(a), values.real(), values.imag(), tolerance);
            assertEquals(40, values.size());
        }
        assertTrue(form.size() == 40);
    }

    @Test
    void balancingImprovesBadlyScaledEigenvalues() {
        // D^-1 B D with a mild B: the eigenvalues are those of B, whatever the scaling D.
        DMatrixRMaj b = Matrices.diagonal(8, 11);
        for (int i = 0; i < 8; i++) {
            for (int j = i + 1; j < 8; j++) {
                b.set(i, j, 0.5);
            }
        }
        DMatrixRMaj b2 = Matrices.conjugate(b, 12);
        DMatrixRMaj a = b2.copy();
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) {
                a.set(i, j, a.get(i, j) * Math.pow(10, 2 * i - 2 * j));
            }
        }
        double[] expected = new double[8];
        for (int i = 0; i < 8; i++) {
            expected[i] = b.get(i, i);
        }
        java.util.Arrays.sort(expected);
        double[] balanced = RealSchur.eigenvalues(a, true).real();
        java.util.Arrays.sort(balanced);
        assertArrayEquals(expected, balanced, 1e-12);
    }

    @Test
    void exhaustedSweepBudgetRaises() {
        int n = 10;
        double[][] h = SchurKernels.toRows(Matrices.gaussian(n, 21).data, n);
        HessenbergReduction.reduce(h, n, null);
        NotConvergedException error = assertThrows(NotConvergedException.class,
                () -> FrancisQr.iterate(h, n, null, true, new double[n], new double[n], 0));
        assertTrue(error.getMessage().contains("did not deflate"), error.getMessage());
        // A budget of 0 sweeps per eigenvalue still allows the first sweep, as in LAPACK.
        assertEquals(1, error.iterations());
        assertTrue(error.residual() > 0, "residual " + error.residual());
    }

    @ParameterizedTest(name = "scale {0}")
    @ValueSource(doubles = {1e-300, 1e-200, 1e200, 1e300})
    void extremeMagnitudesAreRescaled(double scale) {
        DMatrixRMaj a = Matrices.gaussian(20, 5);
        org.ejml.dense.row.CommonOps_DDRM.scale(scale, a);
        SchurForm form = RealSchur.of(a);
        SchurFormChecker.check("scale " + scale, a, form);
        Eigenvalues values = RealSchur.eigenvalues(a, true);
        double tolerance = EIGENVALUE_TOLERANCE * NormOps_DDRM.normF(a);
        EigenvalueMatching.assertSameMultiset("scale " + scale, hipparchusScaled(a, scale),
                values.real(), values.imag(), tolerance);
    }

    /** Hipparchus eigenvalues of a / scale, multiplied back by scale to avoid its own underflow. */
    private static org.hipparchus.complex.Complex[] hipparchusScaled(DMatrixRMaj a, double scale) {
        DMatrixRMaj unscaled = a.copy();
        org.ejml.dense.row.CommonOps_DDRM.scale(1 / scale, unscaled);
        org.hipparchus.complex.Complex[] values = EigenvalueMatching.hipparchus(unscaled);
        for (int k = 0; k < values.length; k++) {
            values[k] = values[k].multiply(scale);
        }
        return values;
    }

    static Stream<Arguments> badInputs() {
        DMatrixRMaj withNan = new DMatrixRMaj(2, 2);
        withNan.set(1, 0, Double.NaN);
        DMatrixRMaj withInfinity = new DMatrixRMaj(2, 2);
        withInfinity.set(0, 1, Double.POSITIVE_INFINITY);
        return Stream.of(
                Arguments.of("null", null, "a must not be null"),
                Arguments.of("non-square", new DMatrixRMaj(2, 3), "a must be square, found 2x3"),
                Arguments.of("NaN entry", withNan, "a has the non-finite entry NaN at (1, 0)"),
                Arguments.of("infinite entry", withInfinity, "a has the non-finite entry Infinity at (0, 1)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputRejectedBySchur(String label, DMatrixRMaj a, String message) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> RealSchur.of(a));
        assertTrue(error.getMessage().startsWith(message), error.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputRejectedByEigenvalues(String label, DMatrixRMaj a, String message) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> RealSchur.eigenvalues(a, true));
        assertTrue(error.getMessage().startsWith(message), error.getMessage());
    }
}
