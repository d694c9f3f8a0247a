package io.github.neurodyn.analysis;

import io.github.neurodyn.api.Arguments;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

/**
 * Alignment index of Elsayed, Lara, Kaufman, Churchland and Cunningham, "Reorganization
 * between preparatory and movement population responses in motor cortex", Nat. Commun. 7,
 * 13239 (2016): how much of activity b's variance lies in the dominant subspace of
 * activity a.
 *
 * <p>With {@code U_a} the N x k matrix of the top k principal directions of a and
 * {@code C_b} the covariance of b,
 * {@code A = trace(U_a^T C_b U_a) / (lambda_1(C_b) + ... + lambda_k(C_b))}. A is 1 when a's
 * top subspace is b's top subspace and near 0 when the two are orthogonal. Activities are
 * sample matrices, one sample (condition and time bin) per row and one neuron per column.
 *
 * <p>The null distribution draws random k-dimensional subspaces biased towards the data:
 * k vectors {@code F z} with z standard normal, {@code F F^T = C} and C the covariance of the rows of a
 * and b stacked, orthonormalised by QR, and evaluates the index of each against
 * {@code C_b}, as in the methods of the same paper.
 */
public final class AlignmentIndex {

    /** Largest accepted entry of {@code U^T U - I} for a basis passed by the caller. */
    private static final double ORTHONORMALITY_TOLERANCE = 1e-8;

    private AlignmentIndex() {
    }

    /**
     * Computes the alignment index of a's top-k subspace with b's covariance.
     *
     * @param activityA n_a x N samples of activity a, n_a at least 2
     * @param activityB n_b x N samples of activity b, n_b at least 2
     * @param dimensions k, from 1 to {@code min(n_a - 1, N)}
     * @return the index in [0, 1]
     * @throws IllegalArgumentException when the activities are not finite, have different
     *     numbers of neurons, too few samples, k is out of range or b has no variance
     */
    public static double of(DMatrixRMaj activityA, DMatrixRMaj activityB, int dimensions) {
        requireActivities(activityA, activityB);
        DMatrixRMaj basis = Pca.of(activityA, dimensions).components();
        return ofSubspace(basis, SampleMatrices.covariance(activityB));
    }

    /**
     * Computes the index of a given subspace: {@code trace(U^T C U) / sum of the k largest
     * eigenvalues of C}.
     *
     * @param basis N x k matrix with orthonormal columns spanning the subspace
     * @param covariance N x N symmetric positive semidefinite covariance
     * @return the index in [0, 1]
     * @throws IllegalArgumentException when the shapes disagree, the covariance is not
     *     symmetric or is zero
     */
    public static double ofSubspace(DMatrixRMaj basis, DMatrixRMaj covariance) {
        Arguments.requireSymmetric(covariance, 1e-10, "covariance");
        int n = covariance.numRows;

        // Basis shape and orthonormality.
        Arguments.requireNonNull(basis, "basis");
        Arguments.requireShape(basis, n, basis.numCols, "basis");
        int k = basis.numCols;
        if (k < 1 || k > n) {
            throw new IllegalArgumentException(String.format(
                    "basis must have between 1 and %d columns, found %d", n, k));
        }
        DMatrixRMaj gram = new DMatrixRMaj(k, k);
        CommonOps_DDRM.multTransA(basis, basis, gram);
        for (int i = 0; i < k; i++) {
            gram.add(i, i, -1);
        }
        double departure = CommonOps_DDRM.elementMaxAbs(gram);
        if (departure > ORTHONORMALITY_TOLERANCE) {
            throw new IllegalArgumentException(String.format(
                    "basis columns must be orthonormal, but max |U^T U - I| = %.3e exceeds %.1e",
                    departure, ORTHONORMALITY_TOLERANCE));
        }

        // Variance of C along the basis over the variance along C's own top k directions.
        return traceOfProjection(basis, covariance) / topVariance(covariance, k);
    }

    /**
     * Returns the sum of the k largest eigenvalues of a covariance, from one symmetric
     * eigendecomposition (about 9 N^3 flops).
     *
     * @throws IllegalArgumentException when that sum is not positive
     */
    private static double topVariance(DMatrixRMaj covariance, int k) {
        double[] eigenvalues = new double[covariance.numRows];
        SampleMatrices.symmetricEigen(covariance, eigenvalues);
        double top = 0;
        for (int i = 0; i < k; i++) {
            top += eigenvalues[i];
        }
        if (!(top > 0)) {
            throw new IllegalArgumentException("covariance has no variance in its top " + k
                    + " directions, so the alignment index is undefined");
        }
        return top;
    }

    /**
     * Draws the null distribution of the index from covariance-biased random subspaces.
     *
     * @param activityA n_a x N samples of activity a
     * @param activityB n_b x N samples of activity b
     * @param dimensions k, from 1 to N
     * @param draws number of random subspaces, at least 1 (the paper used 10 000)
     * @param random source of normal deviates; seed it for reproducible results
     * @return the sorted null samples
     * @throws IllegalArgumentException on bad activities or counts
     */
    public static AlignmentNull randomNull(DMatrixRMaj activityA, DMatrixRMaj activityB, int dimensions, int draws,
            RandomGenerator random) {
        requireActivities(activityA, activityB);
        Arguments.requireAtLeast(draws, 1, "draws");
        Arguments.requireNonNull(random, "random");
        int n = activityA.numCols;
        if (dimensions < 1 || dimensions > n) {
            throw new IllegalArgumentException(String.format(
                    "dimensions must lie in [1, %d], found %d", n, dimensions));
        }

        // Factor F = E diag(sqrt(lambda)) of the pooled covariance C = F F^T, so F z ~ N(0, C).
        DMatrixRMaj pooled = new DMatrixRMaj(activityA.numRows + activityB.numRows, n);
        CommonOps_DDRM.insert(activityA, pooled, 0, 0);
        CommonOps_DDRM.insert(activityB, pooled, activityA.numRows, 0);
        double[] eigenvalues = new double[n];
        DMatrixRMaj factor = SampleMatrices.symmetricEigen(SampleMatrices.covariance(pooled), eigenvalues);
        for (int j = 0; j < n; j++) {
            double scale = Math.sqrt(Math.max(eigenvalues[j], 0));
            for (int i = 0; i < n; i++) {
                factor.set(i, j, factor.get(i, j) * scale);
            }
        }

        // Each draw: k biased vectors, orthonormalised, scored against C_b. The denominator,
        // the variance of C_b in its own top k directions, is the same for every draw.
        DMatrixRMaj covarianceB = SampleMatrices.covariance(activityB);
        double top = topVariance(covarianceB, dimensions);
        DMatrixRMaj z = new DMatrixRMaj(n, dimensions);
        DMatrixRMaj vectors = new DMatrixRMaj(n, dimensions);
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(n, dimensions);
        double[] samples = new double[draws];
        for (int d = 0; d < draws; d++) {
            for (int i = 0; i < z.getNumElements(); i++) {
                z.data[i] = random.nextGaussian();
            }
            CommonOps_DDRM.mult(factor, z, vectors);
            if (!qr.decompose(vectors)) {
                throw new IllegalStateException("EJML QR decomposition failed on finite random vectors");
            }
            DMatrixRMaj basis = qr.getQ(null, true);
            samples[d] = traceOfProjection(basis, covarianceB) / top;
        }
        return new AlignmentNull(samples);
    }

    private static double traceOfProjection(DMatrixRMaj basis, DMatrixRMaj covariance) {
        DMatrixRMaj product = new DMatrixRMaj(covariance.numRows, basis.numCols);
        CommonOps_DDRM.mult(covariance, basis, product);
        double trace = 0;
        for (int i = 0; i < basis.numRows; i++) {
            for (int j = 0; j < basis.numCols; j++) {
                trace += basis.get(i, j) * product.get(i, j);
            }
        }
        return trace;
    }

    private static void requireActivities(DMatrixRMaj activityA, DMatrixRMaj activityB) {
        Arguments.requireFinite(activityA, "activityA");
        Arguments.requireFinite(activityB, "activityB");
        Arguments.requireAtLeast(activityA.numRows, 2, "activityA rows");
        Arguments.requireAtLeast(activityB.numRows, 2, "activityB rows");
        if (activityA.numCols != activityB.numCols) {
            throw new IllegalArgumentException(String.format(
                    "activityA has %d neurons (columns) but activityB has %d; expected the same neurons",
                    activityA.numCols, activityB.numCols));
        }
    }
}
