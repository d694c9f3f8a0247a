package io.github.neurodyn.analysis.gpfa;

import io.github.neurodyn.api.Arguments;
import org.ejml.data.DMatrixRMaj;

/**
 * Parameters of a GPFA model with D latent dimensions and N neurons:
 * {@code y_t = C x_t + d + e_t}, {@code e_t ~ N(0, diag(R))}, and each latent dimension
 * {@code x_j(.)} an independent Gaussian process with the squared exponential kernel
 * {@code k_j(t, s) = sigma_j^2 [(1 - eps) exp(-(t - s)^2 / (2 l_j^2)) + eps delta_ts]}
 * (see {@link SquaredExponentialKernel}).
 *
 * <p>The record copies its arrays on construction and its accessors return copies.
 *
 * @param loadings C, {@code N x D}, finite
 * @param offsets d, length N, finite, in the unit of the activity
 * @param noiseVariances R, length N, positive, in the unit of the activity squared
 * @param lengthScalesSeconds l, length D, positive, in seconds
 * @param priorVariances sigma^2, length D, positive, dimensionless (the latent unit); the
 *     exact EM of Yu et al. keeps them at 1 and lets C carry the scale
 */
public record GpfaParameters(DMatrixRMaj loadings, double[] offsets, double[] noiseVariances,
        double[] lengthScalesSeconds, double[] priorVariances) {

    /**
     * Validates and copies the parameters.
     *
     * @param loadings C, {@code N x D}, finite
     * @param offsets d, length N, finite, in the unit of the activity
     * @param noiseVariances R, length N, positive, in the unit of the activity squared
     * @param lengthScalesSeconds l, length D, positive, in seconds
     * @param priorVariances sigma^2, length D, positive, dimensionless (the latent unit); the
     *     exact EM of Yu et al. keeps them at 1 and lets C carry the scale
     *
     * @throws IllegalArgumentException when an argument is null, has the wrong length or shape,
     *     is not finite, or a variance or length scale is not positive
     */
    public GpfaParameters {
        Arguments.requireNonNull(loadings, "loadings");
        Arguments.requireFinite(loadings, "loadings");
        int n = loadings.numRows;
        int d = loadings.numCols;
        Arguments.requireAtLeast(n, 1, "loadings rows (neurons)");
        Arguments.requireAtLeast(d, 1, "loadings columns (latents)");
        Arguments.requireFinite(Arguments.requireLength(offsets, n, "offsets"), "offsets");
        Arguments.requireLength(noiseVariances, n, "noiseVariances");
        Arguments.requireLength(lengthScalesSeconds, d, "lengthScalesSeconds");
        Arguments.requireLength(priorVariances, d, "priorVariances");
        for (int i = 0; i < n; i++) {
            Arguments.requirePositive(noiseVariances[i], "noiseVariances[" + i + "]");
            Arguments.requireFinite(noiseVariances[i], "noiseVariances[" + i + "]");
        }
        for (int j = 0; j < d; j++) {
            Arguments.requirePositive(lengthScalesSeconds[j], "lengthScalesSeconds[" + j + "]");
            Arguments.requireFinite(lengthScalesSeconds[j], "lengthScalesSeconds[" + j + "]");
            Arguments.requirePositive(priorVariances[j], "priorVariances[" + j + "]");
            Arguments.requireFinite(priorVariances[j], "priorVariances[" + j + "]");
        }
        loadings = loadings.copy();
        offsets = offsets.clone();
        noiseVariances = noiseVariances.clone();
        lengthScalesSeconds = lengthScalesSeconds.clone();
        priorVariances = priorVariances.clone();
    }

    /** @return the number of neurons N */
    public int neuronCount() {
        return loadings.numRows;
    }

    /** @return the number of latent dimensions D */
    public int latentCount() {
        return loadings.numCols;
    }

    /** @return a copy of the loadings C, {@code N x D} */
    @Override
    public DMatrixRMaj loadings() {
        return loadings.copy();
    }

    /** @return a copy of the offsets d */
    @Override
    public double[] offsets() {
        return offsets.clone();
    }

    /** @return a copy of the noise variances R */
    @Override
    public double[] noiseVariances() {
        return noiseVariances.clone();
    }

    /** @return a copy of the length scales in seconds */
    @Override
    public double[] lengthScalesSeconds() {
        return lengthScalesSeconds.clone();
    }

    /** @return a copy of the prior variances sigma^2 */
    @Override
    public double[] priorVariances() {
        return priorVariances.clone();
    }
}
