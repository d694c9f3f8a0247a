package io.github.neurodyn.analysis.gpfa;

import io.github.neurodyn.api.Arguments;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/**
 * Starting point of {@link SparseGpfa#fit(GpfaData, SparseGpfaOptions, GpfaStart)}: the state
 * that the first iteration updates in place of the principal-axes start.
 *
 * <p>The latents have unit prior variance, as in the sparse fit, so {@code loadings} carries the
 * scale of each latent. The starting ARD scales are not part of the start because the fit sets
 * each {@code s_j^2} to its maximiser {@code sum_n E_q[c_nj^2] / N} for the starting q(C).
 *
 * <p>The record copies its arrays and lists on construction, and its accessors return copies.
 *
 * @param loadings the mean of q(C), row n is {@code mu_n}, {@code N x D}, finite and not all
 *     zero, in the activity unit per latent unit. ARD keeps a zero column at zero, so a column
 *     that should be free to grow needs small nonzero loadings
 * @param loadingCovariances per neuron, the covariance {@code Sigma_n} of q(c_n), {@code D x D},
 *     symmetric positive definite; or null for a small isotropic spread, 1% of the mean square of
 *     each column of {@code loadings}
 * @param offsets d, length N, finite, in the activity unit
 * @param noiseVariances R, length N, positive and finite, in the activity unit squared. The fit
 *     keeps each {@code R_n} above 1e-3 times its starting value. Poisson fits ignore R
 * @param lengthScalesSeconds l, length D, positive and finite, in seconds
 * @param segmentPosteriors per segment of the data, in segment order, {@code q(u)} with M
 *     inducing times and D latents; or null for {@code q(u) = N(0, I)} at M times spread evenly
 *     over each segment
 */
public record GpfaStart(DMatrixRMaj loadings, DMatrixRMaj[] loadingCovariances, double[] offsets,
        double[] noiseVariances, double[] lengthScalesSeconds, List<InducingPosterior> segmentPosteriors) {

    /** Relative tolerance of the symmetry check on each covariance. */
    private static final double SYMMETRY_TOLERANCE = 1e-10;

    /**
     * Validates and copies the starting point.
     *
     * @param loadings the mean of q(C), {@code N x D}, finite, not all zero
     * @param loadingCovariances per neuron, {@code Sigma_n}, {@code D x D}, symmetric positive
     *     definite, or null for the default spread
     * @param offsets d, length N, finite
     * @param noiseVariances R, length N, positive and finite
     * @param lengthScalesSeconds l, length D, positive and finite, in seconds
     * @param segmentPosteriors per segment, {@code q(u)} with D latents and symmetric positive
     *     definite covariances, or null for {@code N(0, I)}
     * @throws IllegalArgumentException if a required argument is null or has a non-finite entry,
     *     or if the loadings are all zero. Also if a length or shape does not match N and D, a
     *     noise variance or length scale is not positive, or a covariance is not symmetric
     *     positive definite
     */
    public GpfaStart {
        Arguments.requireNonNull(loadings, "loadings");
        Arguments.requireFinite(loadings, "loadings");
        int neurons = loadings.numRows;
        int latents = loadings.numCols;
        Arguments.requireAtLeast(neurons, 1, "loadings rows (neurons)");
        Arguments.requireAtLeast(latents, 1, "loadings columns (latents)");
        if (org.ejml.dense.row.NormOps_DDRM.normF(loadings) == 0) {
            throw new IllegalArgumentException("loadings are all zero; expected at least one nonzero column, "
                    + "because ARD keeps a zero column at zero");
        }
        Arguments.requireFinite(Arguments.requireLength(offsets, neurons, "offsets"), "offsets");
        Arguments.requireFinite(Arguments.requireLength(noiseVariances, neurons, "noiseVariances"), "noiseVariances");
        Arguments.requireFinite(Arguments.requireLength(lengthScalesSeconds, latents, "lengthScalesSeconds"),
                "lengthScalesSeconds");
        for (int n = 0; n < neurons; n++) {
            Arguments.requirePositive(noiseVariances[n], "noiseVariances[" + n + "]");
        }
        for (int j = 0; j < latents; j++) {
            Arguments.requirePositive(lengthScalesSeconds[j], "lengthScalesSeconds[" + j + "]");
        }
        if (loadingCovariances != null) {
            if (loadingCovariances.length != neurons) {
                throw new IllegalArgumentException(String.format(
                        "loadingCovariances has %d matrices but loadings has %d rows; expected one per neuron",
                        loadingCovariances.length, neurons));
            }
            DMatrixRMaj[] copies = new DMatrixRMaj[neurons];
            for (int n = 0; n < neurons; n++) {
                copies[n] = requireCovariance(loadingCovariances[n], latents, "loadingCovariances[" + n + "]");
            }
            loadingCovariances = copies;
        }
        if (segmentPosteriors != null) {
            for (int k = 0; k < segmentPosteriors.size(); k++) {
                InducingPosterior posterior = Arguments.requireNonNull(segmentPosteriors.get(k),
                        "segmentPosteriors[" + k + "]");
                DMatrixRMaj[] covariances = posterior.covariances();
                if (covariances.length != latents) {
                    throw new IllegalArgumentException(String.format(
                            "segmentPosteriors[%d] has %d latents but loadings has %d columns; expected the same D",
                            k, covariances.length, latents));
                }
                Arguments.requireFinite(posterior.inducingTimesMs(), "segmentPosteriors[" + k + "].inducingTimesMs");
                for (int j = 0; j < latents; j++) {
                    requireCovariance(covariances[j], covariances[j].numRows,
                            "segmentPosteriors[" + k + "].covariances[" + j + "]");
                }
            }
            segmentPosteriors = List.copyOf(segmentPosteriors);
        }
        loadings = loadings.copy();
        offsets = offsets.clone();
        noiseVariances = noiseVariances.clone();
        lengthScalesSeconds = lengthScalesSeconds.clone();
    }

    /**
     * Creates a start from model parameters, with the default spread of q(C) and the default
     * q(u). A latent with prior variance {@code sigma_j^2} is the unit-variance latent of the
     * sparse fit with column j of C multiplied by {@code sigma_j}, so the loadings are rescaled
     * that way.
     *
     * @param parameters the loadings, offsets, noise variances, length scales and prior variances
     * @return the start
     * @throws IllegalArgumentException when {@code parameters} is null
     */
    public static GpfaStart of(GpfaParameters parameters) {
        Arguments.requireNonNull(parameters, "parameters");
        DMatrixRMaj c = parameters.loadings();
        double[] priorVariances = parameters.priorVariances();
        for (int n = 0; n < c.numRows; n++) {
            for (int j = 0; j < c.numCols; j++) {
                c.set(n, j, c.get(n, j) * Math.sqrt(priorVariances[j]));
            }
        }
        return new GpfaStart(c, null, parameters.offsets(), parameters.noiseVariances(),
                parameters.lengthScalesSeconds(), null);
    }

    /**
     * Creates a start that continues a fit (a warm start): its q(C), offsets, noise variances,
     * length scales and per-segment q(u). The Adam moments and the natural-gradient step counts
     * are not part of a fit, so they start afresh.
     *
     * @param fit a result of {@link SparseGpfa#fit}
     * @return the start
     * @throws IllegalArgumentException when {@code fit} is null
     */
    public static GpfaStart from(SparseGpfaFit fit) {
        Arguments.requireNonNull(fit, "fit");
        GpfaParameters parameters = fit.parameters();
        LoadingPosterior posterior = fit.loadingPosterior();
        return new GpfaStart(posterior.means(), posterior.covariances(), parameters.offsets(),
                parameters.noiseVariances(), parameters.lengthScalesSeconds(), fit.segmentPosteriors());
    }

    /**
     * Returns a copy with other per-segment posteriors.
     *
     * @param posteriors per segment, {@code q(u)}, or null for {@code N(0, I)}
     * @return the start
     * @throws IllegalArgumentException as the constructor
     */
    public GpfaStart withSegmentPosteriors(List<InducingPosterior> posteriors) {
        return new GpfaStart(loadings, loadingCovariances, offsets, noiseVariances, lengthScalesSeconds, posteriors);
    }

    /** @return the number of neurons N */
    public int neuronCount() {
        return loadings.numRows;
    }

    /** @return the number of latents D */
    public int latentCount() {
        return loadings.numCols;
    }

    /**
     * Checks the start against the data and the settings of a fit.
     *
     * @throws IllegalArgumentException when N differs from the data's neuron count, D from
     *     {@code options.latentCount()}, the number of posteriors from the segment count, or M
     *     from {@code options.inducingPoints()}
     */
    void requireMatches(GpfaData data, SparseGpfaOptions options) {
        if (neuronCount() != data.neuronCount()) {
            throw new IllegalArgumentException(String.format(
                    "start.loadings has %d rows but the data have %d neurons; expected one row per neuron",
                    neuronCount(), data.neuronCount()));
        }
        if (latentCount() != options.latentCount()) {
            throw new IllegalArgumentException(String.format(
                    "start.loadings has %d columns but options.latentCount() is %d; expected one column per latent",
                    latentCount(), options.latentCount()));
        }
        if (segmentPosteriors == null) {
            return;
        }
        if (segmentPosteriors.size() != data.segmentCount()) {
            throw new IllegalArgumentException(String.format(
                    "start.segmentPosteriors has %d entries but the data have %d segments; expected one per segment",
                    segmentPosteriors.size(), data.segmentCount()));
        }
        for (int k = 0; k < segmentPosteriors.size(); k++) {
            int m = segmentPosteriors.get(k).means().numRows;
            if (m != options.inducingPoints()) {
                throw new IllegalArgumentException(String.format(
                        "start.segmentPosteriors[%d] has %d inducing points but options.inducingPoints() is %d",
                        k, m, options.inducingPoints()));
            }
        }
    }

    /** @return copies of the covariances of q(c_n), or null for the default spread */
    @Override
    public DMatrixRMaj[] loadingCovariances() {
        if (loadingCovariances == null) {
            return null;
        }
        DMatrixRMaj[] copies = new DMatrixRMaj[loadingCovariances.length];
        for (int n = 0; n < copies.length; n++) {
            copies[n] = loadingCovariances[n].copy();
        }
        return copies;
    }

    /** @return a copy of the mean of q(C), {@code N x D} */
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

    /** Checks that a covariance is finite, of the given shape, symmetric and positive definite, and copies it. */
    private static DMatrixRMaj requireCovariance(DMatrixRMaj covariance, int size, String name) {
        Arguments.requireNonNull(covariance, name);
        Arguments.requireShape(covariance, size, size, name);
        Arguments.requireFinite(covariance, name);
        Arguments.requireSymmetric(covariance, SYMMETRY_TOLERANCE, name);
        CholeskyDecomposition_F64<DMatrixRMaj> cholesky = DecompositionFactory_DDRM.chol(size, true);
        if (!cholesky.decompose(covariance.copy())) {
            throw new IllegalArgumentException(name + " is not positive definite (its Cholesky factorisation "
                    + "failed); expected a covariance matrix");
        }
        return covariance.copy();
    }
}
