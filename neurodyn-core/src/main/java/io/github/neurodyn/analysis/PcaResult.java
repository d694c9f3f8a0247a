package io.github.neurodyn.analysis;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Principal components of a sample matrix, from {@link Pca#of(DMatrixRMaj, int)}.
 *
 * <p>With {@code X} the n x p samples (one per row) and {@code mean} their column means, the
 * centred data factor as {@code X - 1 mean^T = U S V^T}; {@code components} contains the first
 * k columns of V (unit length, mutually orthogonal, each with its largest-magnitude entry
 * positive) and {@code variances} the matching {@code s_i^2 / (n - 1)}, in decreasing order.
 * Accessors return copies, so the record is immutable.
 *
 * @param mean column means of the samples, length p
 * @param components principal directions as the columns of a p x k matrix
 * @param variances variance along each component, in the squared unit of the samples, decreasing
 * @param totalVariance sum of the variances of all p variables, {@code ||X - 1 mean^T||_F^2 / (n - 1)}
 */
public record PcaResult(double[] mean, DMatrixRMaj components, double[] variances, double totalVariance) {

    /**
     * Copies the arrays so that the record cannot be changed through them.
     *
     * @param mean column means of the samples, length p
     * @param components principal directions as the columns of a p x k matrix
     * @param variances variance along each component, in the squared unit of the samples, decreasing
     * @param totalVariance sum of the variances of all p variables, {@code ||X - 1 mean^T||_F^2 / (n - 1)}
     */
    public PcaResult {
        mean = mean.clone();
        components = components.copy();
        variances = variances.clone();
    }

    /**
     * Returns a copy of the {@code mean} component.
     *
     * @return column means of the samples, length p
     */
    @Override
    public double[] mean() {
        return mean.clone();
    }

    /**
     * Returns a copy of the {@code components} component.
     *
     * @return principal directions as the columns of a p x k matrix
     */
    @Override
    public DMatrixRMaj components() {
        return components.copy();
    }

    /**
     * Returns a copy of the {@code variances} component.
     *
     * @return variance along each component, in the squared unit of the samples, decreasing
     */
    @Override
    public double[] variances() {
        return variances.clone();
    }

    /** @return the number of components k */
    public int count() {
        return variances.length;
    }

    /**
     * Returns the fraction of the total variance along each component,
     * {@code variances[i] / totalVariance}.
     *
     * @return the fractions, decreasing, summing to at most 1
     */
    public double[] varianceExplained() {
        double[] fraction = new double[variances.length];
        for (int i = 0; i < fraction.length; i++) {
            fraction[i] = totalVariance > 0 ? variances[i] / totalVariance : 0;
        }
        return fraction;
    }

    /**
     * Projects samples onto the components after subtracting {@link #mean()}:
     * {@code scores = (Y - 1 mean^T) V}.
     *
     * @param samples m x p samples, one per row
     * @return the m x k scores
     * @throws IllegalArgumentException when {@code samples} does not have p columns
     */
    public DMatrixRMaj project(DMatrixRMaj samples) {
        io.github.neurodyn.api.Arguments.requireShape(samples, samples.numRows, mean.length, "samples");
        DMatrixRMaj scores = new DMatrixRMaj(samples.numRows, components.numCols);
        CommonOps_DDRM.mult(SampleMatrices.subtractRow(samples, mean), components, scores);
        return scores;
    }
}
