package io.github.neurodyn.analysis.gpfa;

import io.github.neurodyn.api.Arguments;
import io.github.neurodyn.api.NotConvergedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bayesian GPFA with automatic relevance determination (ARD), sparse in time and fitted on
 * minibatches of segments and neurons (Jensen, Kao, Stone and Hennequin, "Scalable Bayesian
 * GPFA with automatic relevance determination and discrete noise models", NeurIPS 2021).
 *
 * <p>The loadings have the prior {@code c_nj ~ N(0, s_j^2)} with one ARD scale {@code s_j^2}
 * per latent and the Gaussian posterior {@code q(c_n) = N(mu_n, L_n L_n^T)} per neuron. The
 * latents have inducing values with {@code q(u_j) = N(m_j, S_j)} per segment. The objective is
 * <pre>
 *   ELBO = sum_k sum_tn E_q(C) q(x)[log p(y_tn | c_n . x_t + d_n)]
 *          - sum_k sum_j KL(q(u_kj) || p(u_kj)) - sum_n KL(q(c_n) || p(c_n | s))
 * </pre>
 * ({@link BayesianLoadings} and {@link InducingLatents} give the terms and their gradients).
 * Each iteration draws B of the S segments and b of the N neurons. For Gaussian noise each
 * batch segment's {@code q(u)} and then each batch neuron's {@code q(c_n)}, {@code d_n} and
 * {@code R_n} move to their closed-form optimum given the rest ({@link ConjugateGaussianUpdates}),
 * fully when the minibatch is the whole data along that axis and otherwise by a stochastic
 * natural-gradient step of size {@code (1 + visits)^-0.6}. Other noise models take Adam steps
 * (Kingma and Ba, ICLR 2015) on the same blocks with the exact gradients, the likelihood term
 * scaled by S/B for the neuron rows and by N/b for {@code q(u)}. The log length scales always take
 * an Adam step on the minibatch gradient scaled by both. Then every ARD scale takes its
 * maximiser for the current q(C), {@code s_j^2 = sum_n E_q[c_nj^2] / N}. Columns that do not
 * help the likelihood shrink, their {@code s_j^2} follows, and a latent counts as retained while
 * {@code s_j^2} exceeds the retention threshold times the largest scale.
 *
 * <p>Cost per iteration: {@code O(B (D M^3 + T D M^2 + T b D^2))} flops with M inducing points
 * and segments of T bins. Memory: the data, plus {@code D (M + M^2)} values for each segment and
 * {@code O(D^2)} for each neuron. The Adam path keeps two moments of each of them as well.
 *
 * <p>Limitations: Poisson counts take Adam steps only, so they need more iterations than Gaussian
 * activity, and their expected log likelihood treats the predictor as Gaussian. The latent prior variances stay at 1 because the ARD scales carry the scale of each latent.
 * The reported objective is a minibatch estimate unless both minibatches cover the data.
 * Inducing points spaced wider than a latent's length scale leave part of its prior variance
 * unexplained, so the bound underfits it and ARD may keep extra latents on long recordings. The
 * fit logs a warning for each retained latent that is shorter than the spacing.
 */
public final class SparseGpfa {

    private static final Logger LOG = LoggerFactory.getLogger(SparseGpfa.class);
    /** Iterations averaged on each side of the convergence test. */
    private static final int CONVERGENCE_WINDOW = 20;
    /** Smallest ARD scale, as a share of the largest, so that the prior stays finite. */
    private static final double ARD_FLOOR_SHARE = 1e-12;
    /** Smallest noise variance, as a share of the initial noise variance of the neuron. */
    private static final double NOISE_FLOOR_SHARE = 1e-3;
    /** Exponent kappa of the natural-gradient step size {@code (1 + visits)^-kappa}. */
    private static final double STEP_DECAY = 0.6;
    /** Starting variance of each q(c_nj), as a share of the mean square of column j of the start. */
    private static final double INITIAL_SPREAD_SHARE = 1e-2;

    private SparseGpfa() {
    }

    /**
     * Fits the sparse model with ARD to the data under {@code options.noise()}. Poisson counts use
     * the exp link.
     *
     * @param data the segments: any finite activity for Gaussian noise, spike counts for Poisson
     * @param options the settings
     * @return the fit with its objective per iteration and the retained dimensionality
     * @throws IllegalArgumentException when an argument is null, more latents are requested than
     *     there are neurons, a neuron has constant activity or a variance that overflows or
     *     underflows (Gaussian noise, entries of about 1e154 and above or 1e-154 and below), or, for Poisson noise, an entry is not a
     *     non-negative integer count
     * @throws io.github.neurodyn.api.SingularEquationException when a kernel matrix or q(u)
     *     covariance is not numerically positive definite
     * @throws NotConvergedException when the Poisson objective stops being finite, or a length
     *     scale does because the bin times are too far apart (squared differences overflow)
     */
    public static SparseGpfaFit fit(GpfaData data, SparseGpfaOptions options) {
        Arguments.requireNonNull(options, "options");
        if (options.noise() == NoiseModel.POISSON) {
            return fit(data, options, PoissonLink.EXP);
        }
        ExactGpfa.requireLatentCount(options.latentCount(), data);
        return fit(data, options, GaussianPredictorLikelihood.INSTANCE);
    }

    /**
     * Fits the sparse model with ARD to spike counts, {@code y_tn ~ Poisson(f(c_n . x_t + d_n))}
     * with f the link and {@code f(eta)} the expected count per bin. The expected log likelihood
     * of each bin is {@link PoissonExpectedLogLikelihood} at the mean and variance of the predictor
     * under {@code q(C) q(x)} (see {@link PoissonPredictorLikelihood} for this moment matching),
     * and every block takes Adam steps with the exact gradients. The fit starts from the principal
     * axes of {@code f^-1(y + 1/2)}. The noise variances of the returned parameters are not part of
     * the Poisson model and are all 1.
     *
     * @param data the segments of spike counts
     * @param options the settings; {@code options.noise()} must be {@link NoiseModel#POISSON}
     * @param link the link f
     * @return the fit with its objective per iteration and the retained dimensionality
     * @throws IllegalArgumentException when an argument is null, the options ask for another noise
     *     model, more latents are requested than there are neurons, a neuron has constant counts,
     *     or an entry is not a non-negative integer count
     * @throws io.github.neurodyn.api.SingularEquationException when a kernel matrix or q(u)
     *     covariance is not numerically positive definite
     * @throws NotConvergedException when the objective stops being finite, which happens when the
     *     exp link's rate overflows
     */
    public static SparseGpfaFit fit(GpfaData data, SparseGpfaOptions options, PoissonLink link) {
        return fit(data, options, poissonLikelihood(data, options, link));
    }

    /**
     * Fits the sparse model with ARD from a given starting point, for example the result of an
     * earlier fit ({@link GpfaStart#from}) or known parameters ({@link GpfaStart#of}). Otherwise
     * the same as {@link #fit(GpfaData, SparseGpfaOptions)}: Poisson noise uses the exp link.
     *
     * @param data the segments: any finite activity for Gaussian noise, spike counts for Poisson
     * @param options the settings
     * @param start the starting q(C), offsets, noise variances, length scales and optionally q(u)
     * @return the fit with its objective per iteration and the retained dimensionality
     * @throws IllegalArgumentException as {@link #fit(GpfaData, SparseGpfaOptions)}, and when the
     *     start has another number of neurons, latents, segments or inducing points than the data
     *     and options
     * @throws io.github.neurodyn.api.SingularEquationException when a kernel matrix or q(u)
     *     covariance is not numerically positive definite
     * @throws NotConvergedException when the Poisson objective stops being finite
     */
    public static SparseGpfaFit fit(GpfaData data, SparseGpfaOptions options, GpfaStart start) {
        Arguments.requireNonNull(data, "data");
        Arguments.requireNonNull(options, "options");
        Arguments.requireNonNull(start, "start");
        if (options.noise() == NoiseModel.POISSON) {
            return fit(data, options, PoissonLink.EXP, start);
        }
        ExactGpfa.requireLatentCount(options.latentCount(), data);
        start.requireMatches(data, options);
        return new Run(data, options, start, GaussianPredictorLikelihood.INSTANCE).fit();
    }

    /**
     * Fits the sparse model with ARD to spike counts from a given starting point. Otherwise the
     * same as {@link #fit(GpfaData, SparseGpfaOptions, PoissonLink)}. The noise variances of the
     * start are not part of the Poisson model, so the fit ignores them.
     *
     * @param data the segments of spike counts
     * @param options the settings; {@code options.noise()} must be {@link NoiseModel#POISSON}
     * @param link the link f
     * @param start the starting q(C), offsets, length scales and optionally q(u)
     * @return the fit with its objective per iteration and the retained dimensionality
     * @throws IllegalArgumentException as {@link #fit(GpfaData, SparseGpfaOptions, PoissonLink)},
     *     and when the start has another number of neurons, latents, segments or inducing points
     *     than the data and options
     * @throws io.github.neurodyn.api.SingularEquationException when a kernel matrix or q(u)
     *     covariance is not numerically positive definite
     * @throws NotConvergedException when the objective stops being finite
     */
    public static SparseGpfaFit fit(GpfaData data, SparseGpfaOptions options, PoissonLink link, GpfaStart start) {
        Arguments.requireNonNull(start, "start");
        PredictorLikelihood likelihood = poissonLikelihood(data, options, link);
        start.requireMatches(data, options);
        return new Run(data, options, start, likelihood).fit();
    }

    /** Checks the arguments of a Poisson fit and returns its likelihood. */
    private static PredictorLikelihood poissonLikelihood(GpfaData data, SparseGpfaOptions options, PoissonLink link) {
        Arguments.requireNonNull(data, "data");
        Arguments.requireNonNull(options, "options");
        Arguments.requireNonNull(link, "link");
        if (options.noise() != NoiseModel.POISSON) {
            throw new IllegalArgumentException("options.noise() is " + options.noise()
                    + " but a link applies only to POISSON; use fit(data, options) for Gaussian noise");
        }
        ExactGpfa.requireLatentCount(options.latentCount(), data);
        data.requireCounts();
        return new PoissonPredictorLikelihood(link);
    }

    /**
     * Fits with any noise model from the principal-axes start. The Gaussian model takes the
     * closed-form updates of {@link ConjugateGaussianUpdates} for q(C), d, R and q(u); any other
     * takes Adam steps on them with the exact gradients of {@link BayesianLoadings}.
     */
    static SparseGpfaFit fit(GpfaData data, SparseGpfaOptions options, PredictorLikelihood likelihood) {
        return new Run(data, options, principalAxesStart(data, options, likelihood), likelihood).fit();
    }

    /**
     * Returns the state of a fit from the given start before its first iteration, with an empty
     * objective history, so that tests can compare a start with the fit it came from.
     */
    static SparseGpfaFit initialState(GpfaData data, SparseGpfaOptions options, GpfaStart start,
            PredictorLikelihood likelihood) {
        start.requireMatches(data, options);
        return new Run(data, options, start, likelihood).result(new double[0], false);
    }

    /**
     * Returns the default start: the principal axes of the data (of {@code f^-1(y + 1/2)} for
     * Poisson counts) as the mean of q(C), with the offsets, noise variances and length scales
     * that the exact EM starts from.
     */
    static GpfaStart principalAxesStart(GpfaData data, SparseGpfaOptions options, PredictorLikelihood likelihood) {
        GpfaData startData = likelihood instanceof PoissonPredictorLikelihood poisson
                ? linearised(data, poisson.link()) : data;
        GpfaParameters start = new ExactGpfaEm(startData, ExactGpfaOptions.defaults(options.latentCount()))
                .initialParameters();
        return GpfaStart.of(start);
    }

    /** Returns the counts mapped through the inverse link, {@code f^-1(y + 1/2)}, for the starting point. */
    private static GpfaData linearised(GpfaData data, PoissonLink link) {
        List<double[]> times = new ArrayList<>();
        List<DMatrixRMaj> activity = new ArrayList<>();
        for (int k = 0; k < data.segmentCount(); k++) {
            DMatrixRMaj y = data.activity(k);
            for (int i = 0; i < y.data.length; i++) {
                double rate = y.data[i] + 0.5;
                y.data[i] = link == PoissonLink.EXP ? Math.log(rate) : Math.log(Math.expm1(rate));
            }
            times.add(data.timesMs(k));
            activity.add(y);
        }
        return GpfaData.of(data.neuronNames(), times, activity);
    }

    /** State of one fit: the neuron rows, the per-segment q(u), the length scales and their Adam states. */
    private static final class Run {
        private final GpfaData data;
        private final SparseGpfaOptions options;
        private final int neurons;
        private final int latents;
        private final int inducing;
        private final int localLength;
        private final double[][] inducingTimesMs;
        private final double[][] rows;
        private final double[][] rowGradients;
        private final Adam[] rowAdams;
        private final double[] logLengthScales;
        private final Adam lengthAdam;
        private final double[] logNoiseFloor;
        private final double[] ardScales;
        private final double[][] locals;
        private final Adam[] localAdams;
        private final BayesianLoadings loadings;
        private final int offset;
        /** Closed-form updates for Gaussian noise, or null when every block takes Adam steps. */
        private final ConjugateGaussianUpdates conjugate;
        /** Whether the noise model stores {@code log R_n} right after {@code d_n} in each row. */
        private final boolean hasNoiseVariance;
        private final int[] localVisits;
        private final int[] rowVisits;

        Run(GpfaData data, SparseGpfaOptions options, GpfaStart start, PredictorLikelihood likelihood) {
            this.data = data;
            this.options = options;
            this.neurons = data.neuronCount();
            this.latents = options.latentCount();
            this.inducing = options.inducingPoints();
            this.localLength = latents * (inducing + inducing * inducing);
            int segments = data.segmentCount();
            int maxBins = 0;
            for (int k = 0; k < segments; k++) {
                maxBins = Math.max(maxBins, data.timesMs(k).length);
            }
            loadings = new BayesianLoadings(latents, maxBins, likelihood);
            offset = BayesianLoadings.offsetIndex(latents);
            conjugate = likelihood instanceof GaussianPredictorLikelihood
                    ? new ConjugateGaussianUpdates(latents, neurons) : null;
            hasNoiseVariance = likelihood.parametersPerNeuron() > 0;
            localVisits = new int[segments];
            rowVisits = new int[neurons];

            // neuron rows: q(c_n) from the start, or centred on its means with a small isotropic spread
            int length = BayesianLoadings.rowLength(latents, likelihood);
            DMatrixRMaj c = start.loadings();
            DMatrixRMaj[] covariances = start.loadingCovariances();
            double[] startOffsets = start.offsets();
            double[] startNoise = start.noiseVariances();
            double[] columnMeanSquares = new double[latents];
            for (int n = 0; n < neurons; n++) {
                for (int j = 0; j < latents; j++) {
                    columnMeanSquares[j] += c.get(n, j) * c.get(n, j) / neurons;
                }
            }
            // a zero column of a given start gets the ARD floor's share of the largest column, so
            // that its spread stays positive; ARD then keeps it at zero
            double largestMeanSquare = Arrays.stream(columnMeanSquares).max().orElse(0);
            for (int j = 0; j < latents; j++) {
                columnMeanSquares[j] = Math.max(columnMeanSquares[j], ARD_FLOOR_SHARE * largestMeanSquare);
            }
            rows = new double[neurons][length];
            rowGradients = new double[neurons][length];
            rowAdams = new Adam[neurons];
            logNoiseFloor = new double[neurons];
            double[] mean = new double[latents];
            for (int n = 0; n < neurons; n++) {
                if (covariances != null) {
                    System.arraycopy(c.data, n * latents, mean, 0, latents);
                    ConjugateGaussianUpdates.storeFactor(rows[n], mean, covariances[n], n);
                } else {
                    for (int j = 0; j < latents; j++) {
                        rows[n][j] = c.get(n, j);
                        rows[n][latents + j * (j + 1) / 2 + j] = 0.5 * Math.log(INITIAL_SPREAD_SHARE
                                * columnMeanSquares[j]);
                    }
                }
                rows[n][offset] = startOffsets[n];
                double logR = Math.log(startNoise[n]);
                if (hasNoiseVariance) {
                    rows[n][offset + 1] = logR;
                }
                logNoiseFloor[n] = logR + Math.log(NOISE_FLOOR_SHARE);
                rowAdams[n] = conjugate == null ? new Adam(length, options.learningRate()) : null;
            }
            logLengthScales = new double[latents];
            double[] startLengths = start.lengthScalesSeconds();
            for (int j = 0; j < latents; j++) {
                logLengthScales[j] = Math.log(startLengths[j]);
            }
            lengthAdam = new Adam(latents, options.learningRate());
            ardScales = new double[latents];
            updateArdScales();
            if (conjugate != null) {
                conjugate.startPrior(ardScales);
            }

            // per segment: q(u) of the start, or inducing times spread over the segment with
            // q(u) = N(0, I), so that the local vector is zero because it stores L_jj as log L_jj
            inducingTimesMs = new double[segments][];
            locals = new double[segments][];
            localAdams = new Adam[segments];
            List<InducingPosterior> posteriors = start.segmentPosteriors();
            for (int k = 0; k < segments; k++) {
                localAdams[k] = conjugate == null ? new Adam(localLength, options.learningRate()) : null;
                locals[k] = new double[localLength];
                if (posteriors != null) {
                    startLocal(k, posteriors.get(k));
                    continue;
                }
                double[] times = data.timesMs(k);
                double first = times[0];
                double span = times[times.length - 1] - first;
                inducingTimesMs[k] = new double[inducing];
                for (int i = 0; i < inducing; i++) {
                    inducingTimesMs[k][i] = first + span * i / (inducing - 1);
                }
            }
            LOG.debug("sparse GPFA starts with {} q(C) covariances and {} q(u)",
                    covariances != null ? "given" : "isotropic", posteriors != null ? "given" : "N(0, I)");
        }

        /** Sets the inducing times and the local vector of segment k from a given q(u). */
        private void startLocal(int k, InducingPosterior posterior) {
            inducingTimesMs[k] = posterior.inducingTimesMs();
            DMatrixRMaj meanMatrix = posterior.means();
            DMatrixRMaj[] covariances = posterior.covariances();
            DMatrixRMaj[] means = new DMatrixRMaj[latents];
            DMatrixRMaj[] factors = new DMatrixRMaj[latents];
            for (int j = 0; j < latents; j++) {
                means[j] = CommonOps_DDRM.extract(meanMatrix, 0, inducing, j, j + 1);
                CholeskyDecomposition_F64<DMatrixRMaj> cholesky = DecompositionFactory_DDRM.chol(inducing, true);
                DMatrixRMaj factor = covariances[j].copy();
                // GpfaStart has checked that every covariance is positive definite
                cholesky.decompose(factor);
                factors[j] = cholesky.getT(null);
            }
            storeLocal(k, means, factors);
        }

        SparseGpfaFit fit() {
            int segments = data.segmentCount();
            int segmentBatch = Math.min(options.segmentsPerBatch(), segments);
            int neuronBatch = Math.min(options.neuronsPerBatch(), neurons);
            double segmentScale = (double) segments / segmentBatch;
            double neuronScale = (double) neurons / neuronBatch;
            Random random = new Random(options.seed());
            int[] segmentOrder = identity(segments);
            int[] neuronOrder = identity(neurons);
            double[] history = new double[options.iterations()];
            boolean converged = false;
            int done = 0;
            for (int iteration = 1; iteration <= options.iterations(); iteration++) {
                io.github.neurodyn.api.CancelledException.checkInterrupted("SparseGpfa.fit", iteration - 1);
                shuffle(segmentOrder, random);
                shuffle(neuronOrder, random);
                int[] batchNeurons = Arrays.copyOf(neuronOrder, neuronBatch);
                Arrays.sort(batchNeurons);
                GpfaParameters parameters = parameters();
                double[] lengthGradient = new double[latents];
                for (double[] gradient : rowGradients) {
                    Arrays.fill(gradient, 0);
                }
                double elbo = 0;

                // minibatch likelihood; q(u) of each batch segment takes its own step
                if (conjugate != null) {
                    conjugate.clear(batchNeurons);
                }
                for (int b = 0; b < segmentBatch; b++) {
                    int k = segmentOrder[b];
                    DMatrixRMaj y = data.activityView(k);
                    InducingLatents marginals = new InducingLatents(parameters, data.timesMs(k),
                            repeat(inducingTimesMs[k]), means(k), factors(k));
                    if (conjugate != null) {
                        DMatrixRMaj[] means = means(k);
                        DMatrixRMaj[] factors = factors(k);
                        double rho = neuronBatch == neurons ? 1 : stepSize(localVisits[k]++);
                        conjugate.updateLatents(marginals, loadings, rows, batchNeurons, neuronScale, y.data, means,
                                factors, rho);
                        storeLocal(k, means, factors);
                        marginals = marginals.withPosterior(means, factors);
                    }
                    DMatrixRMaj g = new DMatrixRMaj(y.numRows, latents);
                    DMatrixRMaj h = new DMatrixRMaj(y.numRows, latents);
                    double expected = loadings.expectedLogLikelihood(marginals, y.data, neurons, batchNeurons, rows,
                            rowGradients, g.data, h.data);
                    CommonOps_DDRM.scale(neuronScale, g);
                    CommonOps_DDRM.scale(neuronScale, h);
                    ElboGradient latent = marginals.backward(g, h, 1);
                    elbo += segmentScale * (neuronScale * expected - marginals.divergence());
                    for (int j = 0; j < latents; j++) {
                        lengthGradient[j] += segmentScale * latent.logLengthScales()[j];
                    }
                    if (conjugate != null) {
                        conjugate.add(marginals, y.data, batchNeurons);
                    } else {
                        localAdams[k].ascend(locals[k], localGradient(k, latent));
                    }
                }

                // neuron rows: likelihood scaled to all segments, minus KL(q(c_n) || p(c_n | s))
                for (int n = 0; n < neurons; n++) {
                    double[] gradient = rowGradients[n];
                    for (int i = 0; i < gradient.length; i++) {
                        gradient[i] *= segmentScale;
                    }
                    elbo -= loadings.divergence(rows[n], ardScales, gradient);
                }
                for (int n : batchNeurons) {
                    if (conjugate != null) {
                        double rho = segmentBatch == segments ? 1 : stepSize(rowVisits[n]++);
                        conjugate.updateNeuron(loadings, rows[n], n, ardScales, segmentScale, rho, logNoiseFloor[n]);
                    } else {
                        rowAdams[n].ascend(rows[n], rowGradients[n]);
                        if (hasNoiseVariance) {
                            rows[n][offset + 1] = Math.max(rows[n][offset + 1], logNoiseFloor[n]);
                        }
                    }
                }
                lengthAdam.ascend(logLengthScales, lengthGradient);
                requireFiniteLengthScales(iteration, lengthGradient);
                updateArdScales();

                if (!Double.isFinite(elbo)) {
                    throw new NotConvergedException("the objective became " + elbo + " at iteration " + iteration
                            + ", because a rate or variance overflowed; reduce learningRate or, for Poisson "
                            + "counts, use the softplus link", iteration, elbo);
                }
                history[iteration - 1] = elbo;
                done = iteration;
                if (options.listener() != null) {
                    options.listener().iteration(iteration, elbo);
                }
                if (meetsTolerance(history, iteration)) {
                    converged = true;
                    break;
                }
            }
            if (converged) {
                LOG.debug("sparse GPFA converged after {} iterations, {} of {} latents retained", done,
                        retainedCount(), latents);
            } else {
                LOG.warn("sparse GPFA stopped at the limit of {} iterations before the relative tolerance {}",
                        options.iterations(), options.relativeTolerance());
            }
            SparseGpfaFit result = result(Arrays.copyOf(history, done), converged);
            warnCoarseInducingPoints(result);
            return result;
        }

        /**
         * Logs a warning for each retained latent whose length scale is shorter than the widest
         * spacing of the inducing points, because q(u) cannot follow such a latent between them.
         */
        private void warnCoarseInducingPoints(SparseGpfaFit result) {
            double spacingMs = 0;
            for (double[] times : inducingTimesMs) {
                spacingMs = Math.max(spacingMs, maxSpacing(times));
            }
            double[] lengths = result.parameters().lengthScalesSeconds();
            int[] retained = result.retainedIndices(options.retentionThreshold());
            for (int j : coarselySampled(lengths, retained, spacingMs / 1000)) {
                LOG.warn("retained latent at index {} (from 0) has length scale {} s, shorter than the inducing-point "
                        + "spacing {} s, so the bound underfits it and ARD may keep extra latents. Increase "
                        + "inducingPoints", j, String.format(java.util.Locale.ROOT, "%.4g", lengths[j]),
                        String.format(java.util.Locale.ROOT, "%.4g", spacingMs / 1000));
            }
        }

        /** Returns the current state as a fit with the given objective history. */
        SparseGpfaFit result(double[] trace, boolean converged) {
            List<InducingPosterior> posteriors = new ArrayList<>();
            for (int k = 0; k < data.segmentCount(); k++) {
                posteriors.add(inducingPosterior(k));
            }
            return new SparseGpfaFit(parameters(), loadingPosterior(), ardScales, trace, converged, retainedCount(),
                    posteriors);
        }

        private LoadingPosterior loadingPosterior() {
            DMatrixRMaj means = new DMatrixRMaj(neurons, latents);
            DMatrixRMaj[] covariances = new DMatrixRMaj[neurons];
            double[] mean = new double[latents];
            for (int n = 0; n < neurons; n++) {
                covariances[n] = new DMatrixRMaj(latents, latents);
                loadings.moments(rows[n], mean, covariances[n].data);
                System.arraycopy(mean, 0, means.data, n * latents, latents);
            }
            return new LoadingPosterior(means, covariances);
        }

        private InducingPosterior inducingPosterior(int k) {
            DMatrixRMaj[] factors = factors(k);
            DMatrixRMaj[] columns = means(k);
            DMatrixRMaj meanMatrix = new DMatrixRMaj(inducing, latents);
            DMatrixRMaj[] covariances = new DMatrixRMaj[latents];
            for (int j = 0; j < latents; j++) {
                for (int i = 0; i < inducing; i++) {
                    meanMatrix.set(i, j, columns[j].get(i));
                }
                covariances[j] = new DMatrixRMaj(inducing, inducing);
                CommonOps_DDRM.multTransB(factors[j], factors[j], covariances[j]);
            }
            return new InducingPosterior(inducingTimesMs[k], meanMatrix, covariances);
        }

        private boolean meetsTolerance(double[] history, int count) {
            if (count < 2 * CONVERGENCE_WINDOW) {
                return false;
            }
            double recent = 0;
            double before = 0;
            for (int i = 0; i < CONVERGENCE_WINDOW; i++) {
                recent += history[count - 1 - i] / CONVERGENCE_WINDOW;
                before += history[count - 1 - CONVERGENCE_WINDOW - i] / CONVERGENCE_WINDOW;
            }
            return Math.abs(recent - before) <= options.relativeTolerance() * Math.abs(recent);
        }

        private int retainedCount() {
            double largest = Arrays.stream(ardScales).max().orElse(0);
            int count = 0;
            for (double scale : ardScales) {
                if (scale > options.retentionThreshold() * largest) {
                    count++;
                }
            }
            return count;
        }

        /** Sets each ARD scale to its maximiser {@code sum_n E[c_nj^2] / N}, floored to keep the prior finite. */
        private void updateArdScales() {
            Arrays.fill(ardScales, 0);
            for (int n = 0; n < neurons; n++) {
                loadings.addSecondMoments(rows[n], ardScales);
            }
            double largest = 0;
            for (int j = 0; j < latents; j++) {
                ardScales[j] /= neurons;
                largest = Math.max(largest, ardScales[j]);
            }
            double floor = Math.max(largest * ARD_FLOOR_SHARE, Double.MIN_NORMAL);
            for (int j = 0; j < latents; j++) {
                ardScales[j] = Math.max(ardScales[j], floor);
            }
        }

        private GpfaParameters parameters() {
            DMatrixRMaj c = new DMatrixRMaj(neurons, latents);
            double[] d = new double[neurons];
            double[] r = new double[neurons];
            for (int n = 0; n < neurons; n++) {
                System.arraycopy(rows[n], 0, c.data, n * latents, latents);
                d[n] = rows[n][offset];
                // NOTE: a noise model without its own parameter (Poisson) reports R_n = 1
                r[n] = hasNoiseVariance ? Math.exp(rows[n][offset + 1]) : 1;
            }
            double[] lengths = new double[latents];
            for (int j = 0; j < latents; j++) {
                lengths[j] = Math.exp(logLengthScales[j]);
            }
            double[] unit = new double[latents];
            Arrays.fill(unit, 1.0);
            return new GpfaParameters(c, d, r, lengths, unit);
        }

        /**
         * Raises {@link NotConvergedException} when a length scale left the range of double. Bin
         * times so far apart that their squared differences overflow make the gradient 0 times
         * infinity, which is NaN.
         */
        private void requireFiniteLengthScales(int iteration, double[] lengthGradient) {
            for (int j = 0; j < latents; j++) {
                if (!Double.isFinite(logLengthScales[j])) {
                    double spanMs = 0;
                    for (int k = 0; k < data.segmentCount(); k++) {
                        double[] times = data.timesMs(k);
                        spanMs = Math.max(spanMs, times[times.length - 1] - times[0]);
                    }
                    throw new NotConvergedException(String.format("the length scale of latent %d became non-finite "
                            + "at iteration %d because its gradient was %s; the longest segment spans %.3g ms, and "
                            + "squared time differences above about 1e308 s^2 overflow", j, iteration,
                            lengthGradient[j], spanMs), iteration, Double.NaN);
                }
            }
        }

        private double[][] repeat(double[] times) {
            double[][] perLatent = new double[latents][];
            Arrays.fill(perLatent, times);
            return perLatent;
        }

        private DMatrixRMaj[] means(int k) {
            DMatrixRMaj[] means = new DMatrixRMaj[latents];
            for (int j = 0; j < latents; j++) {
                int start = j * (inducing + inducing * inducing);
                means[j] = new DMatrixRMaj(inducing, 1);
                System.arraycopy(locals[k], start, means[j].data, 0, inducing);
            }
            return means;
        }

        private DMatrixRMaj[] factors(int k) {
            DMatrixRMaj[] factors = new DMatrixRMaj[latents];
            for (int j = 0; j < latents; j++) {
                int start = j * (inducing + inducing * inducing) + inducing;
                factors[j] = new DMatrixRMaj(inducing, inducing);
                System.arraycopy(locals[k], start, factors[j].data, 0, inducing * inducing);
                for (int i = 0; i < inducing; i++) {
                    factors[j].set(i, i, Math.exp(factors[j].get(i, i)));
                }
            }
            return factors;
        }

        /** Stores q(u) of segment k into its local vector, the diagonal of each L_j as log L_ii. */
        private void storeLocal(int k, DMatrixRMaj[] means, DMatrixRMaj[] factors) {
            for (int j = 0; j < latents; j++) {
                int start = j * (inducing + inducing * inducing);
                System.arraycopy(means[j].data, 0, locals[k], start, inducing);
                System.arraycopy(factors[j].data, 0, locals[k], start + inducing, inducing * inducing);
                for (int i = 0; i < inducing; i++) {
                    locals[k][start + inducing + i * inducing + i] = Math.log(factors[j].get(i, i));
                }
            }
        }

        /** Maps the gradient to the local vector, whose diagonal of L_j is stored as log L_ii. */
        private double[] localGradient(int k, ElboGradient g) {
            double[] gradient = new double[localLength];
            for (int j = 0; j < latents; j++) {
                int start = j * (inducing + inducing * inducing);
                System.arraycopy(g.means()[j].data, 0, gradient, start, inducing);
                System.arraycopy(g.factors()[j].data, 0, gradient, start + inducing, inducing * inducing);
                for (int i = 0; i < inducing; i++) {
                    int diagonal = start + inducing + i * inducing + i;
                    gradient[diagonal] *= Math.exp(locals[k][diagonal]);
                }
            }
            return gradient;
        }
    }

    /**
     * Returns the stochastic natural-gradient step size {@code (1 + visits)^-0.6} for a block
     * updated from a minibatch, which satisfies the Robbins-Monro conditions.
     */
    private static double stepSize(int visits) {
        return Math.pow(1 + visits, -STEP_DECAY);
    }

    /**
     * Returns the retained latents whose length scale is below the inducing-point spacing. The
     * sparse posterior of such a latent keeps part of its prior variance between the inducing
     * points, so the bound penalises it and ARD tends to spread it over extra latents.
     *
     * @param lengthScalesSeconds per latent, l_j in seconds
     * @param retained indices of the retained latents
     * @param spacingSeconds the widest spacing between neighbouring inducing times, in seconds
     * @return the subset of {@code retained} with {@code l_j < spacingSeconds}, in the same order
     */
    static int[] coarselySampled(double[] lengthScalesSeconds, int[] retained, double spacingSeconds) {
        return Arrays.stream(retained).filter(j -> lengthScalesSeconds[j] < spacingSeconds).toArray();
    }

    /** Returns the widest gap between neighbouring inducing times, which a given start may list in any order. */
    private static double maxSpacing(double[] times) {
        double[] sortedTimes = times.clone();
        Arrays.sort(sortedTimes);
        double widest = 0;
        for (int i = 1; i < sortedTimes.length; i++) {
            widest = Math.max(widest, sortedTimes[i] - sortedTimes[i - 1]);
        }
        return widest;
    }

    private static int[] identity(int size) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        return order;
    }

    /** Shuffles in place by Fisher-Yates with the fit's seeded source. */
    private static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }
}
