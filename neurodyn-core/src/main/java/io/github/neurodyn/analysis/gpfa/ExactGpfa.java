package io.github.neurodyn.analysis.gpfa;

import io.github.neurodyn.api.Arguments;
import io.github.neurodyn.api.SingularEquationException;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Exact GPFA inference for short segments: the closed-form Gaussian posterior of the latents
 * and the marginal likelihood, with the Gaussian observation model of {@link GpfaParameters}.
 *
 * <p>Stack the latents of a segment of T bins as {@code x = (x_1(t_1..t_T), ..., x_D(...))}
 * with prior {@code N(0, K)}, K block diagonal with one {@link SquaredExponentialKernel} block
 * per dimension. Then, with {@code G = C^T R^-1 C} and {@code b_j(t) = sum_n C_nj
 * (y_tn - d_n) / R_n}, the posterior precision is {@code P = K^-1 + G (x) I_T}, the
 * covariance {@code Sigma = P^-1} and the mean {@code mu = Sigma b} (Yu et al.,
 * J. Neurophysiol. 102, 2009, written here in information form). The log marginal likelihood
 * follows from the determinant lemma and the Woodbury identity:
 * {@code log p(y) = -1/2 [N T log(2 pi) + T sum_n log R_n + log det K + log det P
 * + sum_tn (y_tn - d_n)^2 / R_n - b^T mu]}.
 *
 * <p>Cost: {@code O((D T)^3)} flops and {@code O((D T)^2)} memory per segment, which is why
 * this class is for segments of up to a few hundred bins. It is the reference for the
 * sparse variational method.
 */
public final class ExactGpfa {

    private ExactGpfa() {
    }

    /**
     * Computes the latent posterior and the log marginal likelihood of one segment.
     *
     * @param parameters the model
     * @param timesMs the segment's grid in ms, finite and strictly increasing, length T
     * @param activity the segment's activity, {@code T x N}, finite
     * @return the posterior
     * @throws IllegalArgumentException when the shapes do not match the model or an entry is
     *     not finite
     * @throws SingularEquationException when K or P is not numerically positive definite, or
     *     the likelihood overflows
     */
    public static LatentPosterior posterior(GpfaParameters parameters, double[] timesMs, DMatrixRMaj activity) {
        Arguments.requireNonNull(parameters, "parameters");
        GpfaData segment = GpfaData.continuous(GpfaData.defaultNames(parameters.neuronCount()), timesMs, activity);
        return posterior(parameters, segment.timesMs(0), segment.activity(0), new DMatrixRMaj(1, 1));
    }

    /**
     * Computes the latent posterior of one segment on another time grid, for example a finer
     * one or one that extends past the data. With {@code K_*} the prior cross-covariance
     * between the data grid and the query grid, {@code K_**} the prior covariance of the
     * query grid and {@code A = K^-1 K_*}, both per latent, the posterior is
     * {@code mean = A^T mu} and {@code cov = K_** - K_*^T A + A^T Sigma A}. On the data grid it
     * reproduces {@link #posterior(GpfaParameters, double[], DMatrixRMaj)}.
     * Cost: that posterior plus {@code O(D^2 T Q (T + Q))} flops for Q query bins.
     *
     * @param parameters the model
     * @param timesMs the segment's grid in ms, finite and strictly increasing, length T
     * @param activity the segment's activity, {@code T x N}, finite
     * @param queryTimesMs the grid to report on, in ms, finite and strictly increasing, length Q
     * @return the posterior on the query grid, with the log marginal likelihood of the data
     * @throws IllegalArgumentException when the shapes do not match the model or an entry or
     *     query time is not finite or out of order
     * @throws SingularEquationException as for {@link #posterior(GpfaParameters, double[], DMatrixRMaj)}
     */
    public static LatentPosterior posterior(GpfaParameters parameters, double[] timesMs, DMatrixRMaj activity,
            double[] queryTimesMs) {
        Arguments.requireNonNull(parameters, "parameters");
        Arguments.requireNonNull(queryTimesMs, "queryTimesMs");
        GpfaData segment = GpfaData.continuous(GpfaData.defaultNames(parameters.neuronCount()), timesMs, activity);
        GpfaData.requireTimeGrid(queryTimesMs, "queryTimesMs");
        DMatrixRMaj kernelInverses = new DMatrixRMaj(1, 1);
        LatentPosterior atData = posterior(parameters, segment.timesMs(0), segment.activity(0), kernelInverses);

        // per latent: K_*, K_** and A = K^-1 K_*
        int latents = parameters.latentCount();
        int bins = timesMs.length;
        int queries = queryTimesMs.length;
        double[] seconds = toSeconds(timesMs);
        double[] querySeconds = toSeconds(queryTimesMs);
        DMatrixRMaj[] cross = new DMatrixRMaj[latents];
        DMatrixRMaj[] gains = new DMatrixRMaj[latents];
        DMatrixRMaj[] queryPrior = new DMatrixRMaj[latents];
        for (int j = 0; j < latents; j++) {
            double length = parameters.lengthScalesSeconds()[j];
            double variance = parameters.priorVariances()[j];
            cross[j] = new DMatrixRMaj(bins, queries);
            SquaredExponentialKernel.crossCovariance(seconds, querySeconds, length, variance, cross[j]);
            queryPrior[j] = new DMatrixRMaj(queries, queries);
            SquaredExponentialKernel.covariance(querySeconds, length, variance, queryPrior[j]);
            DMatrixRMaj inverse = CommonOps_DDRM.extract(kernelInverses, j * bins, (j + 1) * bins, 0, bins);
            gains[j] = new DMatrixRMaj(bins, queries);
            CommonOps_DDRM.mult(inverse, cross[j], gains[j]);
        }

        // mean = A^T mu and cov = K_** - K_*^T A + A^T Sigma A, block by block
        DMatrixRMaj dataMeans = atData.means();
        DMatrixRMaj dataCovariance = atData.covariance();
        DMatrixRMaj means = new DMatrixRMaj(queries, latents);
        DMatrixRMaj covariance = new DMatrixRMaj(latents * queries, latents * queries);
        DMatrixRMaj block = new DMatrixRMaj(queries, queries);
        DMatrixRMaj sigmaGain = new DMatrixRMaj(bins, queries);
        for (int j = 0; j < latents; j++) {
            for (int q = 0; q < queries; q++) {
                double sum = 0;
                for (int t = 0; t < bins; t++) {
                    sum += gains[j].get(t, q) * dataMeans.get(t, j);
                }
                means.set(q, j, sum);
            }
            for (int k = 0; k < latents; k++) {
                DMatrixRMaj sigma = CommonOps_DDRM.extract(dataCovariance, j * bins, (j + 1) * bins, k * bins,
                        (k + 1) * bins);
                CommonOps_DDRM.mult(sigma, gains[k], sigmaGain);
                CommonOps_DDRM.multTransA(gains[j], sigmaGain, block);
                if (j == k) {
                    CommonOps_DDRM.addEquals(block, queryPrior[j]);
                    CommonOps_DDRM.multAddTransA(-1, cross[j], gains[j], block);
                }
                CommonOps_DDRM.insert(block, covariance, j * queries, k * queries);
            }
        }
        DMatrixRMaj variances = new DMatrixRMaj(queries, latents);
        for (int j = 0; j < latents; j++) {
            for (int q = 0; q < queries; q++) {
                variances.set(q, j, covariance.get(j * queries + q, j * queries + q));
            }
        }
        return new LatentPosterior(queryTimesMs, means, variances, covariance, atData.logMarginalLikelihood());
    }

    /** Computes the posterior on validated input; {@code kernelInverses} receives the blocks of K^-1. */
    static LatentPosterior posterior(GpfaParameters parameters, double[] timesMs, DMatrixRMaj y,
            DMatrixRMaj kernelInverses) {
        int latents = parameters.latentCount();
        int neurons = parameters.neuronCount();
        int bins = timesMs.length;
        int size = latents * bins;
        DMatrixRMaj c = parameters.loadings();
        double[] d = parameters.offsets();
        double[] r = parameters.noiseVariances();
        double[] seconds = toSeconds(timesMs);

        // prior: K^-1 block by block, log det K
        DMatrixRMaj precision = new DMatrixRMaj(size, size);
        kernelInverses.reshape(latents * bins, bins);
        DMatrixRMaj block = new DMatrixRMaj(bins, bins);
        DMatrixRMaj blockInverse = new DMatrixRMaj(bins, bins);
        double logDetK = 0;
        for (int j = 0; j < latents; j++) {
            SquaredExponentialKernel.covariance(seconds, parameters.lengthScalesSeconds()[j],
                    parameters.priorVariances()[j], block);
            logDetK += SpdMatrices.invert(block, blockInverse, "kernel matrix of latent " + j);
            CommonOps_DDRM.insert(blockInverse, precision, j * bins, j * bins);
            CommonOps_DDRM.insert(blockInverse, kernelInverses, j * bins, 0);
        }

        // likelihood term G (x) I_T and the projected residual b
        double residualEnergy = 0;
        double[] b = new double[size];
        for (int t = 0; t < bins; t++) {
            for (int n = 0; n < neurons; n++) {
                double scaled = (y.get(t, n) - d[n]) / r[n];
                residualEnergy += scaled * (y.get(t, n) - d[n]);
                for (int j = 0; j < latents; j++) {
                    b[j * bins + t] += c.get(n, j) * scaled;
                }
            }
        }
        for (int j = 0; j < latents; j++) {
            for (int k = 0; k < latents; k++) {
                double g = 0;
                for (int n = 0; n < neurons; n++) {
                    g += c.get(n, j) * c.get(n, k) / r[n];
                }
                for (int t = 0; t < bins; t++) {
                    precision.add(j * bins + t, k * bins + t, g);
                }
            }
        }

        // posterior covariance and mean
        DMatrixRMaj covariance = new DMatrixRMaj(size, size);
        double logDetP = SpdMatrices.invert(precision, covariance, "posterior precision");
        DMatrixRMaj mean = new DMatrixRMaj(size, 1);
        CommonOps_DDRM.mult(covariance, DMatrixRMaj.wrap(size, 1, b), mean);

        // marginal likelihood by the determinant lemma and Woodbury
        double logDetR = 0;
        for (int n = 0; n < neurons; n++) {
            logDetR += Math.log(r[n]);
        }
        double explained = 0;
        for (int i = 0; i < size; i++) {
            explained += b[i] * mean.data[i];
        }
        double logLikelihood = -0.5 * (neurons * bins * Math.log(2 * Math.PI) + bins * logDetR + logDetK + logDetP
                + residualEnergy - explained);
        if (!Double.isFinite(logLikelihood)) {
            throw new SingularEquationException(String.format(
                    "log marginal likelihood is %s; the kernel or noise variances are too extreme "
                            + "for double precision (prior variances %s, noise variances %s)",
                    logLikelihood, java.util.Arrays.toString(parameters.priorVariances()),
                    java.util.Arrays.toString(r)));
        }

        DMatrixRMaj means = new DMatrixRMaj(bins, latents);
        DMatrixRMaj variances = new DMatrixRMaj(bins, latents);
        for (int j = 0; j < latents; j++) {
            for (int t = 0; t < bins; t++) {
                means.set(t, j, mean.data[j * bins + t]);
                variances.set(t, j, covariance.get(j * bins + t, j * bins + t));
            }
        }
        return new LatentPosterior(timesMs, means, variances, covariance, logLikelihood);
    }

    /**
     * Computes the log marginal likelihood {@code log p(y)} of all segments, in nats.
     *
     * @param parameters the model
     * @param data the data, with as many neurons as the model
     * @return the sum over segments
     * @throws IllegalArgumentException when the neuron counts differ
     * @throws io.github.neurodyn.api.SingularEquationException as for {@link #posterior}
     */
    public static double logMarginalLikelihood(GpfaParameters parameters, GpfaData data) {
        requireMatching(parameters, data);
        double sum = 0;
        DMatrixRMaj scratch = new DMatrixRMaj(1, 1);
        for (int k = 0; k < data.segmentCount(); k++) {
            sum += posterior(parameters, data.timesMs(k), data.activity(k), scratch).logMarginalLikelihood();
        }
        return sum;
    }

    /**
     * Fits C, d, R and the length scales by expectation maximisation, starting from the top
     * principal axes of the sample covariance. The prior variances stay at 1 because C carries
     * the scale of each latent. Cost per iteration: the posterior of every segment plus
     * {@code lengthScaleSteps} line searches of {@code O(T^3)} each per latent and segment.
     *
     * @param data the data; every neuron must vary
     * @param options the settings
     * @return the fit; when {@code converged} is false the iteration limit was reached first
     *     (logged at WARN)
     * @throws IllegalArgumentException when D exceeds the number of neurons or a neuron's
     *     activity is constant, so large (about 1e154 and above) that its variance overflows or
     *     so small (about 1e-154 and below) that its variance underflows
     * @throws SingularEquationException when a covariance is not numerically positive definite
     * @throws io.github.neurodyn.api.NotConvergedException when the eigenvalue decomposition of
     *     the sample covariance fails
     */
    public static ExactGpfaFit fit(GpfaData data, ExactGpfaOptions options) {
        Arguments.requireNonNull(options, "options");
        requireLatentCount(options.latentCount(), data);
        return new ExactGpfaEm(data, options).run();
    }

    /** Rejects a null data set and a latent count above its neuron count. */
    static void requireLatentCount(int latentCount, GpfaData data) {
        Arguments.requireNonNull(data, "data");
        if (latentCount > data.neuronCount()) {
            throw new IllegalArgumentException(String.format(
                    "latentCount is %d but the data has %d neurons; expected at most one latent per neuron",
                    latentCount, data.neuronCount()));
        }
    }

    static void requireMatching(GpfaParameters parameters, GpfaData data) {
        Arguments.requireNonNull(parameters, "parameters");
        Arguments.requireNonNull(data, "data");
        if (data.neuronCount() != parameters.neuronCount()) {
            throw new IllegalArgumentException(String.format(
                    "data has %d neurons but the model has %d; expected the same neurons",
                    data.neuronCount(), parameters.neuronCount()));
        }
    }

    static double[] toSeconds(double[] timesMs) {
        double[] seconds = new double[timesMs.length];
        for (int t = 0; t < timesMs.length; t++) {
            seconds[t] = timesMs[t] / 1000;
        }
        return seconds;
    }
}
