package io.github.neurodyn.analysis;

import io.github.neurodyn.api.Arguments;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Principal component analysis of pooled samples, one sample per row (for population
 * activity: one condition and time bin per row, one neuron per column).
 *
 * <p>Algorithm: the centred samples {@code X - 1 mean^T} are factored by EJML's singular
 * value decomposition, {@code U S V^T}; the principal directions are the right singular
 * vectors and the variances {@code s_i^2 / (n - 1)}. Working on the data rather than on the
 * covariance keeps small variances accurate. Each direction's sign is fixed so that its
 * entry of largest magnitude is positive, as MATLAB's {@code pca} does, so results are
 * reproducible. Cost: about {@code 4 n p^2 + 8 p^3} flops for n samples of p variables.
 */
public final class Pca {

    private Pca() {
    }

    /**
     * Computes all {@code min(n - 1, p)} principal components.
     *
     * @param samples n x p samples, n at least 2, finite
     * @return the components and variances
     * @throws IllegalArgumentException when {@code samples} is null, has fewer than two rows
     *     or contains a non-finite entry
     */
    public static PcaResult of(DMatrixRMaj samples) {
        Arguments.requireNonNull(samples, "samples");
        return of(samples, Math.min(samples.numRows - 1, samples.numCols));
    }

    /**
     * Computes the first {@code components} principal components.
     *
     * @param samples n x p samples, n at least 2, finite
     * @param components number of components k, from 1 to {@code min(n - 1, p)}
     * @return the components and variances
     * @throws IllegalArgumentException when {@code samples} is null, has fewer than two rows,
     *     contains a non-finite entry, or {@code components} is out of range
     */
    public static PcaResult of(DMatrixRMaj samples, int components) {
        Arguments.requireFinite(samples, "samples");
        Arguments.requireAtLeast(samples.numRows, 2, "samples rows");
        int n = samples.numRows;
        int p = samples.numCols;
        int available = Math.min(n - 1, p);
        if (components < 1 || components > available) {
            throw new IllegalArgumentException(String.format(
                    "components must lie in [1, %d] for %d samples of %d variables, found %d",
                    available, n, p, components));
        }

        // Centre, then factor the centred samples.
        double[] mean = SampleMatrices.columnMeans(samples);
        DMatrixRMaj centred = SampleMatrices.subtractRow(samples, mean);
        double totalVariance = SampleMatrices.sumOfSquares(centred) / (n - 1);
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(n, p, false, true, true);
        if (!svd.decompose(centred)) {
            throw new IllegalStateException("EJML singular value decomposition failed on finite "
                    + n + "x" + p + " samples");
        }
        DMatrixRMaj v = svd.getV(null, false);
        double[] singular = svd.getSingularValues().clone();
        SingularOps_DDRM.descendingOrder(null, false, singular, svd.numberOfSingularValues(), v, false);

        // Keep the leading directions with the sign convention, and their variances.
        DMatrixRMaj directions = new DMatrixRMaj(p, components);
        double[] variances = new double[components];
        for (int k = 0; k < components; k++) {
            variances[k] = singular[k] * singular[k] / (n - 1);
            for (int i = 0; i < p; i++) {
                directions.set(i, k, v.get(i, k));
            }
        }
        SampleMatrices.fixColumnSigns(directions);
        return new PcaResult(mean, directions, variances, totalVariance);
    }
}
