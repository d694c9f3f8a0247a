package io.github.neurodyn.analysis.gpfa;

import io.github.neurodyn.api.Arguments;
import io.github.neurodyn.api.NotConvergedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sparse variational GPFA with automatic relevance determination (ARD), fitted by Adam on
 * minibatches of segments (Jensen, Kao, Stone and Hennequin, "Scalable Bayesian GPFA with
 * automatic relevance determination and discrete noise models", NeurIPS 2021).
 *
 * <p>The objective is the ELBO of {@code SparseGaussianElbo} (Gaussian noise) or
 * {@code SparsePoissonElbo} (Poisson counts) summed over segments plus the ARD log prior on the columns of C:
 * {@code sum_j [-||c_j||^2 / (2 alpha_j) - N/2 log(2 pi alpha_j)]}. Each iteration draws a
 * minibatch of B of the S segments, takes one Adam step on C, d, log R (Gaussian only) and log l with the
 * minibatch gradient scaled by S/B, one Adam step on the batch segments' q(u), and then sets
 * each {@code alpha_j = ||c_j||^2 / N}, the maximiser of the prior for fixed C. The latent prior
 * variances stay at 1. Columns of C that do not help the ELBO shrink towards zero with their
 * {@code alpha_j}.
 *
 * <p>Cost per iteration: {@code O(B (D M^3 + T D M^2 + T N D))} flops with M inducing points, plus
 * {@code B T N} evaluations of the expected Poisson log likelihood (32 quadrature nodes each for the
 * softplus link).
 *
 * <p>Limitations: C is a point estimate (MAP with a learned prior scale), not the Gaussian
 * posterior over C of Jensen et al. The fit starts from the
 * top principal axes, so it is deterministic given the seed.
 */
public final class SparseGpfa {

    private static final Logger LOG = LoggerFactory.getLogger(SparseGpfa.class);
    /** Iterations averaged on each side of the convergence test. */
    private static final int CONVERGENCE_WINDOW = 20;
    /** Smallest ARD scale, as a share of the largest, so that the prior stays finite. */
    private static final double ARD_FLOOR_SHARE = 1e-12;
    /** Smallest noise variance, as a share of the initial noise variance of the neuron. */
    private static final double NOISE_FLOOR_SHARE = 1e-3;

    private SparseGpfa() {
    }

    /**
     * Fits the sparse model with ARD to Gaussian activity.
     *
     * @param data the segments, Gaussian activity
     * @param options the settings
     * @return the fit with its objective per iteration and the retained dimensionality
     * @throws IllegalArgumentException when an argument is null, more latents are requested than
     *     there are neurons, or a neuron has constant activity
     * @throws io.github.neurodyn.api.SingularEquationException when a kernel matrix or q(u)
     *     covariance is not numerically positive definite
     */
    public static SparseGpfaFit fit(GpfaData data, SparseGpfaOptions options) {
        return fit(data, options, NoiseModel.GAUSSIAN, null);
    }

    /**
     * Fits the sparse model with ARD under a noise model.
     *
     * <p>With {@link NoiseModel#POISSON} the counts are {@code y_tn ~ Poisson(f(C_n . x_t + d_n))}, f the
     * link and {@code f(eta)} the expected count per bin, and the objective is the ELBO of
     * {@code SparsePoissonElbo} plus the ARD prior. The fit starts from the principal axes of
     * {@code f^-1(y + 1/2)}. The noise variances of the returned parameters are not part of the Poisson
     * model: they keep their starting values.
     *
     * @param data the segments: any finite activity for Gaussian noise, spike counts for Poisson
     * @param options the settings
     * @param noise the observation model
     * @param link the Poisson link; required for {@link NoiseModel#POISSON}, ignored (may be null)
     *     for {@link NoiseModel#GAUSSIAN}
     * @return the fit with its objective per iteration and the retained dimensionality
     * @throws IllegalArgumentException when an argument is null, more latents are requested than
     *     there are neurons, a neuron has constant activity, or, for Poisson noise, an entry is not
     *     a non-negative integer count
     * @throws io.github.neurodyn.api.SingularEquationException when a kernel matrix or q(u)
     *     covariance is not numerically positive definite
     * @throws NotConvergedException when the Poisson objective stops being finite, which happens
     *     when the exp link's rate overflows
     */
    public static SparseGpfaFit fit(GpfaData data, SparseGpfaOptions options, NoiseModel noise, PoissonLink link) {
        Arguments.requireNonNull(data, "data");
        Arguments.requireNonNull(options, "options");
        Arguments.requireNonNull(noise, "noise");
        ExactGpfa.requireLatentCount(options.latentCount(), data);
        if (noise == NoiseModel.GAUSSIAN) {
            GpfaParameters start = new ExactGpfaEm(data, ExactGpfaOptions.defaults(options.latentCount()))
                    .initialParameters();
            return new Run(data, options, start, null).fit();
        }
        Arguments.requireNonNull(link, "link");
        data.requireCounts();
        GpfaParameters start = new ExactGpfaEm(linearised(data, link), ExactGpfaOptions.defaults(options.latentCount()))
                .initialParameters();
        return new Run(data, options, start, PoissonExpectedLogLikelihood.of(link)).fit();
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

    /** State of one fit: the global vector, the per-segment q(u) and their Adam states. */
    private static final class Run {
        private final GpfaData data;
        private final SparseGpfaOptions options;
        private final int neurons;
        private final int latents;
        private final int inducing;
        private final double[][] inducingTimesMs;
        private final double[] global;
        private final double[] logNoiseFloor;
        private final double[] ardScales;
        private final double[][] locals;
        private final Adam globalAdam;
        private final Adam[] localAdams;
        /** Expected Poisson log likelihood, or null for Gaussian noise. */
        private final PoissonExpectedLogLikelihood poisson;

        Run(GpfaData data, SparseGpfaOptions options, GpfaParameters start, PoissonExpectedLogLikelihood poisson) {
            this.data = data;
            this.poisson = poisson;
            this.options = options;
            this.neurons = data.neuronCount();
            this.latents = options.latentCount();
            this.inducing = options.inducingPoints();
            int segments = data.segmentCount();

            // global vector: C row-major, d, log R, log l
            global = new double[neurons * latents + 2 * neurons + latents];
            DMatrixRMaj c = start.loadings();
            System.arraycopy(c.data, 0, global, 0, neurons * latents);
            logNoiseFloor = new double[neurons];
            for (int n = 0; n < neurons; n++) {
                global[neurons * latents + n] = start.offsets()[n];
                double logR = Math.log(start.noiseVariances()[n]);
                global[neurons * latents + neurons + n] = logR;
                logNoiseFloor[n] = logR + Math.log(NOISE_FLOOR_SHARE);
            }
            for (int j = 0; j < latents; j++) {
                global[neurons * latents + 2 * neurons + j] = Math.log(start.lengthScalesSeconds()[j]);
            }
            ardScales = new double[latents];
            updateArdScales();

            // per segment: inducing times spread over the segment, q(u) = N(0, I), so every local
            // vector starts at zero because it stores the diagonal of L_j as log L_ii
            inducingTimesMs = new double[segments][];
            locals = new double[segments][];
            localAdams = new Adam[segments];
            for (int k = 0; k < segments; k++) {
                double[] times = data.timesMs(k);
                double first = times[0];
                double span = times[times.length - 1] - first;
                inducingTimesMs[k] = new double[inducing];
                for (int i = 0; i < inducing; i++) {
                    inducingTimesMs[k][i] = first + span * i / (inducing - 1);
                }
                locals[k] = new double[latents * (inducing + inducing * inducing)];
                localAdams[k] = new Adam(locals[k].length, options.learningRate());
            }
            globalAdam = new Adam(global.length, options.learningRate());
        }

        SparseGpfaFit fit() {
            int segments = data.segmentCount();
            int batch = Math.min(options.segmentsPerBatch(), segments);
            double scale = (double) segments / batch;
            Random random = new Random(options.seed());
            List<Integer> order = new ArrayList<>();
            for (int k = 0; k < segments; k++) {
                order.add(k);
            }
            double[] history = new double[options.iterations()];
            boolean converged = false;
            int done = 0;
            for (int iteration = 1; iteration <= options.iterations(); iteration++) {
                Collections.shuffle(order, random);
                GpfaParameters parameters = parameters();
                double[] globalGradient = new double[global.length];
                double elbo = 0;

                // minibatch ELBO and gradients; q(u) of each batch segment takes its own step
                for (int b = 0; b < batch; b++) {
                    int k = order.get(b);
                    ElboGradient g = poisson == null
                            ? SparseGaussianElbo.gradient(parameters, data.timesMs(k), data.activity(k),
                                    repeat(inducingTimesMs[k]), means(k), factors(k))
                            : SparsePoissonElbo.gradient(parameters, poisson, data.timesMs(k), data.activity(k),
                                    repeat(inducingTimesMs[k]), means(k), factors(k));
                    elbo += scale * g.value();
                    accumulate(g, scale, globalGradient);
                    localAdams[k].ascend(locals[k], localGradient(k, g));
                }

                // ARD prior on the columns of C
                for (int n = 0; n < neurons; n++) {
                    for (int j = 0; j < latents; j++) {
                        double cnj = global[n * latents + j];
                        globalGradient[n * latents + j] -= cnj / ardScales[j];
                        elbo -= 0.5 * cnj * cnj / ardScales[j];
                    }
                }
                for (int j = 0; j < latents; j++) {
                    elbo -= 0.5 * neurons * Math.log(2 * Math.PI * ardScales[j]);
                }
                globalAdam.ascend(global, globalGradient);
                clampNoise();
                updateArdScales();

                if (poisson != null && !Double.isFinite(elbo)) {
                    throw new NotConvergedException("the Poisson objective became " + elbo + " at iteration "
                            + iteration + " because a rate overflowed; reduce learningRate or use the softplus link",
                            iteration, elbo);
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
            double[] trace = Arrays.copyOf(history, done);
            int retained = retainedCount();
            if (converged) {
                LOG.debug("sparse GPFA converged after {} iterations, {} of {} latents retained", done, retained,
                        latents);
            } else {
                LOG.warn("sparse GPFA stopped at the limit of {} iterations before the relative tolerance {}",
                        options.iterations(), options.relativeTolerance());
            }
            List<InducingPosterior> posteriors = new ArrayList<>();
            for (int k = 0; k < data.segmentCount(); k++) {
                posteriors.add(inducingPosterior(k));
            }
            return new SparseGpfaFit(parameters(), ardScales, trace, converged, retained, posteriors);
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
            for (double alpha : ardScales) {
                if (alpha > options.retentionThreshold() * largest) {
                    count++;
                }
            }
            return count;
        }

        /** Sets each ARD scale to its maximiser for the current C, floored to keep the prior finite. */
        private void updateArdScales() {
            double largest = 0;
            for (int j = 0; j < latents; j++) {
                double sum = 0;
                for (int n = 0; n < neurons; n++) {
                    double cnj = global[n * latents + j];
                    sum += cnj * cnj;
                }
                ardScales[j] = sum / neurons;
                largest = Math.max(largest, ardScales[j]);
            }
            double floor = Math.max(largest * ARD_FLOOR_SHARE, Double.MIN_NORMAL);
            for (int j = 0; j < latents; j++) {
                ardScales[j] = Math.max(ardScales[j], floor);
            }
        }

        private void clampNoise() {
            int offset = neurons * latents + neurons;
            for (int n = 0; n < neurons; n++) {
                global[offset + n] = Math.max(global[offset + n], logNoiseFloor[n]);
            }
        }

        private GpfaParameters parameters() {
            DMatrixRMaj c = new DMatrixRMaj(neurons, latents);
            System.arraycopy(global, 0, c.data, 0, neurons * latents);
            double[] d = Arrays.copyOfRange(global, neurons * latents, neurons * latents + neurons);
            double[] r = new double[neurons];
            for (int n = 0; n < neurons; n++) {
                r[n] = Math.exp(global[neurons * latents + neurons + n]);
            }
            double[] lengths = new double[latents];
            for (int j = 0; j < latents; j++) {
                lengths[j] = Math.exp(global[neurons * latents + 2 * neurons + j]);
            }
            double[] unit = new double[latents];
            Arrays.fill(unit, 1.0);
            return new GpfaParameters(c, d, r, lengths, unit);
        }

        private void accumulate(ElboGradient g, double scale, double[] target) {
            for (int i = 0; i < neurons * latents; i++) {
                target[i] += scale * g.loadings().data[i];
            }
            for (int n = 0; n < neurons; n++) {
                target[neurons * latents + n] += scale * g.offsets()[n];
                target[neurons * latents + neurons + n] += scale * g.logNoiseVariances()[n];
            }
            for (int j = 0; j < latents; j++) {
                target[neurons * latents + 2 * neurons + j] += scale * g.logLengthScales()[j];
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

        /** Maps the gradient to the local vector, whose diagonal of L_j is stored as log L_ii. */
        private double[] localGradient(int k, ElboGradient g) {
            double[] gradient = new double[latents * (inducing + inducing * inducing)];
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
}
