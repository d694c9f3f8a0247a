package io.github.neurodyn.analysis;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Real invariant planes of a skew-symmetric matrix K, ordered by decreasing rotation speed.
 *
 * <p>K has eigenvalues {@code +-i omega_j}; each pair spans a plane on which K acts as
 * {@code [[0, -omega], [omega, 0]]}. The planes are found one at a time without complex
 * arithmetic: the leading eigenvector u of the symmetric matrix {@code -K_r^2 = K_r^T K_r},
 * with {@code K_r} the restriction of K to the orthogonal complement of the planes found so
 * far, gives {@code omega = ||K u||} and the second axis {@code w = K u / omega}. In the
 * basis (u, w) a state rotates counter-clockwise at {@code omega}. Deflating after each
 * plane keeps repeated {@code omega} correct. Cost: {@code O(k^4)} for k x k, which is
 * negligible at the sizes jPCA uses.
 */
final class SkewPlanes {

    /** Relative size below which a rotation speed counts as zero. */
    private static final double ZERO_SPEED = 1e-13;

    private SkewPlanes() {
    }

    /**
     * Computes the planes.
     *
     * @param skew the k x k skew-symmetric matrix, k even
     * @param speeds receives {@code omega_j >= 0}, length k / 2, decreasing
     * @return k x k orthonormal basis; columns 2j and 2j + 1 span plane j
     */
    static DMatrixRMaj of(DMatrixRMaj skew, double[] speeds) {
        int k = skew.numRows;
        double scale = Math.max(CommonOps_DDRM.elementMaxAbs(skew), Double.MIN_NORMAL);
        DMatrixRMaj basis = new DMatrixRMaj(k, k);
        int found = 0;
        for (int plane = 0; plane < k / 2; plane++) {
            // Restrict K to the complement of the planes found so far.
            DMatrixRMaj projector = complementProjector(basis, found);
            DMatrixRMaj restricted = new DMatrixRMaj(k, k);
            DMatrixRMaj half = new DMatrixRMaj(k, k);
            CommonOps_DDRM.mult(projector, skew, half);
            CommonOps_DDRM.mult(half, projector, restricted);

            // Leading eigenvector of K_r^T K_r and its partner K_r u / omega.
            DMatrixRMaj gram = new DMatrixRMaj(k, k);
            CommonOps_DDRM.multTransA(restricted, restricted, gram);
            SampleMatrices.symmetrise(gram);
            double[] values = new double[k];
            DMatrixRMaj vectors = SampleMatrices.symmetricEigen(gram, values);
            double[] u = orthogonalise(column(vectors, 0), basis, found);
            double speed = 0;
            double[] w = new double[k];
            if (u != null) {
                CommonOps_DDRM.mult(restricted, DMatrixRMaj.wrap(k, 1, u), DMatrixRMaj.wrap(k, 1, w));
                speed = norm(w);
            }
            if (!(speed > ZERO_SPEED * scale)) {
                // NOTE: the rest of K is zero to round-off, so any orthonormal completion is
                // invariant; it is taken from the eigenvectors of the complement projector.
                fillComplement(basis, found, projector);
                for (int rest = plane; rest < k / 2; rest++) {
                    speeds[rest] = 0;
                }
                return basis;
            }
            setColumn(basis, found, u);
            setColumn(basis, found + 1, orthogonalise(w, basis, found + 1));
            speeds[plane] = speed;
            found += 2;
        }
        return basis;
    }

    private static DMatrixRMaj complementProjector(DMatrixRMaj basis, int found) {
        int k = basis.numRows;
        DMatrixRMaj projector = CommonOps_DDRM.identity(k);
        for (int a = 0; a < found; a++) {
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    projector.add(i, j, -basis.get(i, a) * basis.get(j, a));
                }
            }
        }
        return projector;
    }

    private static void fillComplement(DMatrixRMaj basis, int found, DMatrixRMaj projector) {
        int k = basis.numRows;
        SampleMatrices.symmetrise(projector);
        double[] values = new double[k];
        DMatrixRMaj vectors = SampleMatrices.symmetricEigen(projector, values);
        for (int column = 0; found < k && column < k; column++) {
            double[] v = orthogonalise(column(vectors, column), basis, found);
            if (v != null) {
                setColumn(basis, found++, v);
            }
        }
    }

    /**
     * Removes the components along the first {@code found} basis columns twice (classical
     * Gram-Schmidt with one reorthogonalisation) and normalises; returns null when less than
     * half of the vector's length remains.
     */
    private static double[] orthogonalise(double[] v, DMatrixRMaj basis, int found) {
        double original = norm(v);
        for (int pass = 0; pass < 2; pass++) {
            for (int a = 0; a < found; a++) {
                double dot = 0;
                for (int i = 0; i < v.length; i++) {
                    dot += basis.get(i, a) * v[i];
                }
                for (int i = 0; i < v.length; i++) {
                    v[i] -= dot * basis.get(i, a);
                }
            }
        }
        double length = norm(v);
        if (!(length > 0.5 * original)) {
            return null;
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= length;
        }
        return v;
    }

    private static double[] column(DMatrixRMaj m, int j) {
        double[] v = new double[m.numRows];
        for (int i = 0; i < v.length; i++) {
            v[i] = m.get(i, j);
        }
        return v;
    }

    private static void setColumn(DMatrixRMaj m, int j, double[] v) {
        for (int i = 0; i < v.length; i++) {
            m.set(i, j, v[i]);
        }
    }

    private static double norm(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x * x;
        }
        return Math.sqrt(sum);
    }
}
