package io.github.neurodyn.riccati;

import io.github.neurodyn.api.NeurodynException;
import io.github.neurodyn.linalg.RealSchur;
import io.github.neurodyn.linalg.SchurForm;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Hamiltonian Schur method for the continuous equation in standard form
 * {@code A^T Y + Y A - Y G Y + Q = 0} (Laub, IEEE Trans. Automat. Control 24(6), 1979).
 *
 * <p>The Hamiltonian {@code H = [A, -G; -Q, -A^T]} satisfies {@code H [I; Y] = [I; Y](A - G Y)},
 * so the stabilising Y spans its stable invariant subspace. The real Schur form
 * {@code H = Z T Z^T} is reordered so that the n eigenvalues with negative real part lead;
 * with the leading n columns {@code [U11; U21]} of Z, {@code Y = U21 U11^-1}, computed by
 * solving {@code U11^T Y = U21^T} and symmetrised. Cost: about 25 (2n)^3 flops for the Schur
 * form plus O(n^3) for the reordering and the solve; 8 n^2 doubles for H, T and Z.
 */
final class HamiltonianSchur {

    /**
     * Smallest |Re lambda| of a Hamiltonian eigenvalue, relative to n eps ||H||_F, that is
     * treated as off the imaginary axis.
     */
    static final double AXIS_FACTOR = 10;

    private HamiltonianSchur() {
    }

    /**
     * Solves the standard-form equation.
     *
     * @return the outcome; iterations is 0 and lastChange the 1-norm condition number of U11
     */
    static DoublingAlgorithm.Outcome solve(DMatrixRMaj a, DMatrixRMaj g, DMatrixRMaj q) {
        int n = a.numRows;
        if (n == 0) {
            // The empty equation has the empty solution; the Schur basis below would have no rows.
            return new DoublingAlgorithm.Outcome(new DMatrixRMaj(0, 0), 0, 0, null);
        }

        DMatrixRMaj h = hamiltonian(a, g, q);

        // Ordered real Schur form with the stable eigenvalues leading
        SchurForm form;
        try {
            form = RealSchur.reorder(RealSchur.of(h), (re, im) -> re < 0);
        } catch (NeurodynException ex) {
            return failure("the ordered Schur form of the Hamiltonian failed: " + ex.getMessage());
        }
        double[] real = form.eigenvaluesReal();
        double axisDistance = Double.POSITIVE_INFINITY;
        for (double re : real) {
            axisDistance = Math.min(axisDistance, Math.abs(re));
        }
        double axisBound = AXIS_FACTOR * n * Math.ulp(1.0) * Dense.normF(h);
        if (form.selectedCount() != n || axisDistance <= axisBound) {
            int stableCount = form.selectedCount();
            return failure(String.format("the Hamiltonian has %d %s with negative real part "
                    + "(expected %d) and its eigenvalue closest to the imaginary axis has |Re| = %.3e "
                    + "(limit %.3e)", stableCount, stableCount == 1 ? "eigenvalue" : "eigenvalues", n,
                    axisDistance, axisBound));
        }

        // Y = U21 U11^-1 from the stable invariant subspace
        DMatrixRMaj z = form.z();
        DMatrixRMaj u11 = CommonOps_DDRM.extract(z, 0, n, 0, n);
        DMatrixRMaj u21 = CommonOps_DDRM.extract(z, n, 2 * n, 0, n);
        DMatrixRMaj u11Inverse = Dense.invert(u11);
        double condition = u11Inverse == null ? Double.POSITIVE_INFINITY : Dense.condition1(u11, u11Inverse);
        if (!(condition < ReducedEquation.MAX_CONDITION)) {
            return failure(String.format("U11 of the stable invariant subspace is numerically singular "
                    + "(1-norm condition number %.3e), so (A, B) is not stabilisable or the "
                    + "solution is unbounded", condition));
        }
        DMatrixRMaj yTransposed = Dense.solve(Dense.transpose(u11), Dense.transpose(u21));
        if (yTransposed == null) {
            return failure("U11 of the stable invariant subspace is singular");
        }
        return new DoublingAlgorithm.Outcome(Dense.symmetrize(yTransposed), 0, condition, null);
    }

    /** Assembles H = [A, -G; -Q, -A^T]. */
    static DMatrixRMaj hamiltonian(DMatrixRMaj a, DMatrixRMaj g, DMatrixRMaj q) {
        int n = a.numRows;
        DMatrixRMaj h = new DMatrixRMaj(2 * n, 2 * n);
        CommonOps_DDRM.insert(a, h, 0, 0);
        CommonOps_DDRM.insert(Dense.scale(-1, g), h, 0, n);
        CommonOps_DDRM.insert(Dense.scale(-1, q), h, n, 0);
        CommonOps_DDRM.insert(Dense.scale(-1, Dense.transpose(a)), h, n, n);
        return h;
    }

    private static DoublingAlgorithm.Outcome failure(String reason) {
        return new DoublingAlgorithm.Outcome(null, 0, Double.NaN, reason);
    }
}
