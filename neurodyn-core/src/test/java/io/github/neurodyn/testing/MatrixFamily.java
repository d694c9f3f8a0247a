package io.github.neurodyn.testing;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

/**
 * Families of seeded random square matrices for property tests. Each family places the
 * spectrum in its own way, once for continuous time and once for discrete time, as described
 * on each constant. {@link #draw} then multiplies the matrix by a scale, and so every
 * eigenvalue, which changes the stability of a discrete-time matrix. The tests therefore
 * scale only the continuous-time draws.
 *
 * <p>NOTE: a Jordan block of size n perturbed by 1e-8 has eigenvalues spread over a circle of
 * radius about 1e-8^(1/n), about 0.9 at n = 200, so the large {@link #NEARLY_DEFECTIVE}
 * draws are no longer close to defective, and their discrete-time spectrum can leave the
 * unit disc.
 */
public enum MatrixFamily {

    /** Gaussian entries of variance 1/n shifted by -1.5 I: a disc of radius about 1 around -1.5. */
    STABLE {
        @Override
        DMatrixRMaj continuous(int n, Random random) {
            return shifted(gaussian(n, n, 1 / Math.sqrt(n), random), -1.5);
        }

        @Override
        DMatrixRMaj discrete(int n, Random random) {
            return gaussian(n, n, 0.5 / Math.sqrt(n), random);
        }
    },
    /** Gaussian entries of variance 1/n shifted by +0.5 I: about half the spectrum unstable. */
    UNSTABLE {
        @Override
        DMatrixRMaj continuous(int n, Random random) {
            return shifted(gaussian(n, n, 1 / Math.sqrt(n), random), 0.5);
        }

        @Override
        DMatrixRMaj discrete(int n, Random random) {
            return gaussian(n, n, 1.5 / Math.sqrt(n), random);
        }
    },
    /**
     * Orthogonal similarity Z T Z^T of an upper triangular T with eigenvalues in [-2, -0.5]
     * (continuous) or [-0.6, 0.6] (discrete) and strictly upper entries of size 3, so the
     * departure from normality is large.
     */
    NONNORMAL {
        @Override
        DMatrixRMaj continuous(int n, Random random) {
            return rotated(triangular(n, -2, -0.5, 3, random), random);
        }

        @Override
        DMatrixRMaj discrete(int n, Random random) {
            return rotated(triangular(n, -0.6, 0.6, 3.0 / Math.sqrt(Math.max(1, n)), random), random);
        }
    },
    /**
     * Orthogonal similarity of a Jordan block, eigenvalue -1 (continuous) or 0.5 (discrete),
     * plus a Gaussian perturbation of size 1e-8: eigenvalues that nearly coincide and have
     * nearly parallel eigenvectors.
     */
    NEARLY_DEFECTIVE {
        @Override
        DMatrixRMaj continuous(int n, Random random) {
            return jordan(n, -1.0, random);
        }

        @Override
        DMatrixRMaj discrete(int n, Random random) {
            return jordan(n, 0.5, random);
        }
    },
    /**
     * Orthogonal similarity of a triangular matrix whose eigenvalues lie within 1e-6 of three
     * centres, -0.5, -1 and -3 (continuous) or 0.2, 0.5 and -0.7 (discrete).
     */
    CLUSTERED {
        @Override
        DMatrixRMaj continuous(int n, Random random) {
            return rotated(clustered(n, new double[] {-0.5, -1, -3}, random), random);
        }

        @Override
        DMatrixRMaj discrete(int n, Random random) {
            return rotated(clustered(n, new double[] {0.2, 0.5, -0.7}, random), random);
        }
    };

    /** Size of the perturbation that keeps a Jordan block from being exactly defective. */
    private static final double DEFECT_PERTURBATION = 1e-8;
    /** Spread of the eigenvalues around each cluster centre. */
    private static final double CLUSTER_SPREAD = 1e-6;

    abstract DMatrixRMaj continuous(int n, Random random);

    abstract DMatrixRMaj discrete(int n, Random random);

    /**
     * Draws an n x n matrix of this family.
     *
     * @param n size, at least 0
     * @param seed seed of the generator
     * @param scale factor applied to the whole matrix, and so to every eigenvalue
     * @param discreteTime whether to place the spectrum for discrete time
     * @return a new matrix
     */
    public DMatrixRMaj draw(int n, long seed, double scale, boolean discreteTime) {
        Random random = new Random(seed * 31 + ordinal());
        DMatrixRMaj a = n == 0 ? new DMatrixRMaj(0, 0) : discreteTime ? discrete(n, random) : continuous(n, random);
        CommonOps_DDRM.scale(scale, a);
        return a;
    }

    /**
     * Returns a rows x cols matrix of Gaussian entries times {@code scale}.
     *
     * @param rows row count
     * @param cols column count
     * @param scale standard deviation of each entry
     * @param random the seeded source
     * @return a new matrix
     */
    public static DMatrixRMaj gaussian(int rows, int cols, double scale, Random random) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int k = 0; k < m.data.length; k++) {
            m.data[k] = scale * random.nextGaussian();
        }
        return m;
    }

    private static DMatrixRMaj shifted(DMatrixRMaj a, double shift) {
        for (int i = 0; i < a.numRows; i++) {
            a.add(i, i, shift);
        }
        return a;
    }

    private static DMatrixRMaj triangular(int n, double low, double high, double offDiagonal, Random random) {
        DMatrixRMaj t = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            t.set(i, i, low + (high - low) * random.nextDouble());
            for (int j = i + 1; j < n; j++) {
                t.set(i, j, offDiagonal * random.nextGaussian());
            }
        }
        return t;
    }

    private static DMatrixRMaj jordan(int n, double eigenvalue, Random random) {
        DMatrixRMaj j = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            j.set(i, i, eigenvalue);
            if (i + 1 < n) {
                j.set(i, i + 1, 1.0);
            }
        }
        DMatrixRMaj a = rotated(j, random);
        CommonOps_DDRM.addEquals(a, gaussian(n, n, DEFECT_PERTURBATION, random));
        return a;
    }

    private static DMatrixRMaj clustered(int n, double[] centres, Random random) {
        DMatrixRMaj t = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            t.set(i, i, centres[i % centres.length] + CLUSTER_SPREAD * random.nextGaussian());
            for (int j = i + 1; j < n; j++) {
                t.set(i, j, random.nextGaussian() / Math.sqrt(n));
            }
        }
        return t;
    }

    /** Returns Z t Z^T for the orthogonal factor Z of a Gaussian matrix. */
    private static DMatrixRMaj rotated(DMatrixRMaj t, Random random) {
        int n = t.numRows;
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(n, n);
        qr.decompose(gaussian(n, n, 1, random));
        DMatrixRMaj z = qr.getQ(null, false);
        DMatrixRMaj zt = CommonOps_DDRM.mult(z, t, null);
        return CommonOps_DDRM.multTransB(zt, z, null);
    }
}
