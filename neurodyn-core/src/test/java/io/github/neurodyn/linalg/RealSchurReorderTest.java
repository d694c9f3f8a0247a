package io.github.neurodyn.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RealSchurReorderTest {

    /** Eigenvalues may move by this multiple of ||A||_F times the unit roundoff when reordered. */
    private static final double EIGENVALUE_DRIFT = 1e-10;

    private record Predicate(String name, EigenvalueSelector select) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final Predicate[] PREDICATES = {
        new Predicate("Re < 0", (re, im) -> re < 0),
        new Predicate("|lambda| < 1", (re, im) -> Math.hypot(re, im) < 1),
        new Predicate("none", (re, im) -> false),
        new Predicate("all", (re, im) -> true),
        new Predicate("complex", (re, im) -> im != 0),
        new Predicate("Re > 0", (re, im) -> re > 0),
    };

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (Predicate predicate : PREDICATES) {
            for (int n : new int[] {0, 1, 2, 3, 5, 10, 50, 100}) {
                cases.add(Arguments.of(predicate, "gaussian", Matrices.gaussian(n, 500 + n)));
            }
            cases.add(Arguments.of(predicate, "symmetric", Matrices.symmetric(30, 9)));
            cases.add(Arguments.of(predicate, "nonnormal", Matrices.nonnormal(30, 9)));
            cases.add(Arguments.of(predicate, "clustered", Matrices.clustered(30, 9)));
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0} {1} n={2}")
    @MethodSource("cases")
    void selectedEigenvaluesLead(Predicate predicate, String family, DMatrixRMaj a) {
        int n = a.numRows;
        String label = predicate + " " + family + " n=" + n;
        SchurForm form = RealSchur.of(a);
        double[] tBefore = form.t().data;
        SchurForm reordered = RealSchur.reorder(form, predicate.select());
        assertArrayEquals(tBefore, form.t().data, 0.0, label + ": input form was modified");
        SchurFormChecker.check(label, a, reordered);

        // Count the selected eigenvalues of the original form.
        double[] real = form.eigenvaluesReal();
        double[] imag = form.eigenvaluesImag();
        int expectedCount = 0;
        for (int k = 0; k < n; k++) {
            if (predicate.select().select(real[k], Math.abs(imag[k]))) {
                expectedCount++;
            }
        }
        assertEquals(expectedCount, reordered.selectedCount(), label + ": selectedCount");
        assertTrue(reordered.selectedCount() == n || reordered.isBlockStart(reordered.selectedCount())
                || reordered.selectedCount() == 0, label + ": leading block ends inside a 2x2 block");

        // The leading block holds exactly the selected eigenvalues.
        double[] newReal = reordered.eigenvaluesReal();
        double[] newImag = reordered.eigenvaluesImag();
        for (int k = 0; k < n; k++) {
            boolean selected = predicate.select().select(newReal[k], Math.abs(newImag[k]));
            assertEquals(k < reordered.selectedCount(), selected, label + ": eigenvalue " + k
                    + " = " + newReal[k] + " + " + newImag[k] + "i is on the wrong side");
        }

        // The spectrum is unchanged as a multiset.
        double tolerance = EIGENVALUE_DRIFT * Math.max(1, org.ejml.dense.row.NormOps_DDRM.normF(a));
        if (!family.equals("clustered") && n > 0) {
            org.hipparchus.complex.Complex[] expected = new org.hipparchus.complex.Complex[n];
            for (int k = 0; k < n; k++) {
                expected[k] = new org.hipparchus.complex.Complex(real[k], imag[k]);
            }
            EigenvalueMatching.assertSameMultiset(label, expected, newReal, newImag, tolerance);
        }
    }

    @Test
    void unreorderedFormHasNoSelection() {
        assertEquals(0, RealSchur.of(Matrices.gaussian(5, 1)).selectedCount());
    }

    @Test
    void orderOfSelectedBlocksIsKept() {
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {
                {1, 1, 1, 1}, {0, -2, 1, 1}, {0, 0, 3, 1}, {0, 0, 0, -4}});
        SchurForm reordered = RealSchur.reorder(RealSchur.of(a), (re, im) -> re < 0);
        SchurFormChecker.check("triangular", a, reordered);
        double[] real = reordered.eigenvaluesReal();
        assertEquals(-2, real[0], 1e-14);
        assertEquals(-4, real[1], 1e-14);
        assertEquals(2, reordered.selectedCount());
    }

    @Test
    void nearlyEqualPairsWithLargeCouplingSwap() {
        // Pairs 1 +- 2i and (1 + 1e-12) +- 2.12i coupled by entries of 1e9: the Sylvester
        // solution is huge, yet the swap must stay backward stable.
        DMatrixRMaj t = new DMatrixRMaj(new double[][] {
                {1, 2, 1e9, -2e9}, {-2, 1, 3e9, 1e9}, {0, 0, 1 + 1e-12, 3}, {0, 0, -1.5, 1 + 1e-12}});
        SchurForm form = RealSchur.of(t);
        int[] calls = {0};
        SchurForm reordered = RealSchur.reorder(form, (re, im) -> calls[0]++ == 1);
        SchurFormChecker.check("coupled pairs", t, reordered);
        assertEquals(2, reordered.selectedCount());
    }

    @Test
    void nullArgumentsRejected() {
        SchurForm form = RealSchur.of(Matrices.gaussian(3, 1));
        IllegalArgumentException noForm = assertThrows(IllegalArgumentException.class,
                () -> RealSchur.reorder(null, (re, im) -> true));
        assertTrue(noForm.getMessage().startsWith("form must not be null"), noForm.getMessage());
        IllegalArgumentException noSelector = assertThrows(IllegalArgumentException.class,
                () -> RealSchur.reorder(form, null));
        assertTrue(noSelector.getMessage().startsWith("select must not be null"), noSelector.getMessage());
    }
}
