package io.github.neurodyn.analysis;

import io.github.neurodyn.api.Arguments;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Principal angles between the column spaces of two matrices.
 *
 * <p>With orthonormal bases {@code Q_a} (N x p) and {@code Q_b} (N x q), {@code q <= p}, the
 * cosines of the q principal angles are the singular values of {@code Q_a^T Q_b} (Bjorck and
 * Golub, "Numerical methods for computing angles between linear subspaces", Math. Comp. 27,
 * 1973). Cosines near 1 lose the small angles to round-off, so, as Knyazev and Argentati
 * (SIAM J. Sci. Comput. 23, 2002) recommend and scipy's {@code subspace_angles} does, angles
 * whose cosine squared exceeds 1/2 are taken from the sines, the singular values of
 * {@code Q_b - Q_a Q_a^T Q_b}. Cost: three SVDs of N x p, N x q and p x q matrices.
 */
public final class SubspaceAngles {

    /** Smallest accepted ratio of the smallest to the largest singular value of an input. */
    private static final double RANK_TOLERANCE = 1e-12;

    private SubspaceAngles() {
    }

    /**
     * Computes the principal angles.
     *
     * @param a N x p matrix whose linearly independent columns span the first subspace
     * @param b N x q matrix whose linearly independent columns span the second subspace
     * @return the {@code min(p, q)} angles in radians, increasing, in [0, pi / 2]
     * @throws IllegalArgumentException when an input is not finite, the row counts differ, a
     *     matrix has no columns, more columns than rows, or linearly dependent columns
     */
    public static double[] between(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj qa = orthonormalBasis(a, "a");
        DMatrixRMaj qb = orthonormalBasis(b, "b");
        if (qa.numRows != qb.numRows) {
            throw new IllegalArgumentException(String.format(
                    "a has %d rows but b has %d; expected subspaces of the same space", qa.numRows, qb.numRows));
        }
        if (qb.numCols > qa.numCols) {
            DMatrixRMaj swap = qa;
            qa = qb;
            qb = swap;
        }
        int q = qb.numCols;

        // Cosines, decreasing: singular values of Q_a^T Q_b.
        DMatrixRMaj cross = new DMatrixRMaj(qa.numCols, q);
        CommonOps_DDRM.multTransA(qa, qb, cross);
        double[] cosines = singularValues(cross, true);

        // Sines, increasing: singular values of Q_b - Q_a (Q_a^T Q_b).
        DMatrixRMaj residual = qb.copy();
        CommonOps_DDRM.multAdd(-1, qa, cross, residual);
        double[] sines = singularValues(residual, false);

        double[] angles = new double[q];
        for (int i = 0; i < q; i++) {
            double cosine = Math.min(cosines[i], 1.0);
            angles[i] = cosine * cosine > 0.5 ? Math.asin(Math.min(sines[i], 1.0)) : Math.acos(cosine);
        }
        return angles;
    }

    private static DMatrixRMaj orthonormalBasis(DMatrixRMaj m, String name) {
        Arguments.requireFinite(m, name);
        if (m.numCols < 1 || m.numCols > m.numRows) {
            throw new IllegalArgumentException(String.format(
                    "%s must have between 1 and %d columns (its row count), found %d", name, m.numRows, m.numCols));
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd =
                DecompositionFactory_DDRM.svd(m.numRows, m.numCols, true, false, true);
        if (!svd.decompose(m.copy())) {
            throw new IllegalStateException("EJML singular value decomposition failed on finite " + name);
        }
        DMatrixRMaj u = svd.getU(null, false);
        double[] s = svd.getSingularValues().clone();
        SingularOps_DDRM.descendingOrder(u, false, s, svd.numberOfSingularValues(), null, false);
        if (!(s[m.numCols - 1] > RANK_TOLERANCE * s[0])) {
            throw new IllegalArgumentException(String.format(
                    "%s has linearly dependent columns (singular values from %.3e down to %.3e); "
                    + "expected a basis", name, s[0], s[m.numCols - 1]));
        }
        return CommonOps_DDRM.extract(u, 0, m.numRows, 0, m.numCols);
    }

    private static double[] singularValues(DMatrixRMaj m, boolean decreasing) {
        SingularValueDecomposition_F64<DMatrixRMaj> svd =
                DecompositionFactory_DDRM.svd(m.numRows, m.numCols, false, false, true);
        if (!svd.decompose(m.copy())) {
            throw new IllegalStateException("EJML singular value decomposition failed on a finite matrix");
        }
        double[] s = svd.getSingularValues().clone();
        java.util.Arrays.sort(s);
        if (decreasing) {
            for (int i = 0, j = s.length - 1; i < j; i++, j--) {
                double swap = s[i];
                s[i] = s[j];
                s[j] = swap;
            }
        }
        return java.util.Arrays.copyOf(s, m.numCols);
    }
}
