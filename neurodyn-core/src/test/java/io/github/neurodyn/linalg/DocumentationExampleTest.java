package io.github.neurodyn.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** Runs the example of docs/schur-and-expm.md and checks the values it prints. */
class DocumentationExampleTest {

    @Test
    void exampleValuesHold() {
        DMatrixRMaj w = new DMatrixRMaj(new double[][] {
                {0.5, -2.0, 0.0}, {2.0, 0.5, 0.0}, {1.0, 0.0, 1.2}});
        DMatrixRMaj a = w.copy();
        for (int i = 0; i < 3; i++) {
            a.add(i, i, -1);
        }
        CommonOps_DDRM.scale(1 / 0.15, a);

        SchurForm form = RealSchur.of(a);
        SchurFormChecker.check("example", a, form);

        SchurForm stableFirst = RealSchur.reorder(form, (re, im) -> re < 0);
        assertEquals(2, stableFirst.selectedCount());
        assertEquals(-0.5 / 0.15, stableFirst.eigenvaluesReal()[0], 1e-12);
        assertEquals(2 / 0.15, stableFirst.eigenvaluesImag()[0], 1e-12);

        Eigenvalues values = RealSchur.eigenvalues(a, true);
        assertEquals(0.2 / 0.15, values.maxReal(), 1e-12);

        // Column 2 of A holds only its diagonal entry, so exp(A t)(2, 2) = exp(A(2, 2) t).
        DMatrixRMaj step = MatrixExponential.of(a, 0.010);
        assertEquals(Math.exp(0.2 / 0.15 * 0.010), step.get(2, 2), 1e-14);
    }
}
