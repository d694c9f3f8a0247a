package io.github.neurodyn.analysis.gpfa;

import io.github.neurodyn.api.NotConvergedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EM for exact GPFA (Yu et al., J. Neurophysiol. 102, 2009): the E-step is {@link ExactGpfa#posterior}, the M-step updates {@code [C d]} and R
 * in closed form and the length scales by a line search on the expected complete-data log
 * prior of each latent.
 */
final class ExactGpfaEm {

    private static final Logger LOG = LoggerFactory.getLogger(ExactGpfaEm.class);

    /** Smallest noise variance as a share of the neuron's sample variance, which keeps R positive. */
    private static final double NOISE_FLOOR_SHARE = 1e-3;
    /** First trial step of the line search on log l. */
    private static final double FIRST_LOG_STEP = 0.5;
    /** Smallest trial step of the line search on log l before giving up on that latent. */
    private static final double MIN_LOG_STEP = 1e-4;

    private final GpfaData data;
    private final ExactGpfaOptions options;
    private final int neurons;
    private final int latents;
    private double[] noiseFloor;

    /** Expected sufficient statistics of one E-step. */
    private DMatrixRMaj sumXx;
    private DMatrixRMaj sumYx;
    private double[] sumYy;
    /** Per latent and segment, {@code E[x_j x_j^T]} over the segment's bins. */
    private List<List<DMatrixRMaj>> secondMoments;

    ExactGpfaEm(GpfaData data, ExactGpfaOptions options) {
        this.data = data;
        this.options = options;
        this.neurons = data.neuronCount();
        this.latents = options.latentCount();
    }

    ExactGpfaFit run() {
        GpfaParameters parameters = initialParameters();
        List<Double> trace = new ArrayList<>();
        boolean converged = false;
        int iteration = 0;
        while (iteration < options.maxIterations()) {
            io.github.neurodyn.api.CancelledException.checkInterrupted("ExactGpfa.fit", iteration);
            iteration++;
            double logLikelihood = expectation(parameters);
            trace.add(logLikelihood);
            int last = trace.size() - 1;
            if (last > 0 && logLikelihood - trace.get(last - 1)
                    <= options.relativeTolerance() * Math.abs(logLikelihood)) {
                converged = true;
                break;
            }
            parameters = maximisation(parameters);
        }
        if (converged) {
            LOG.debug("exact GPFA EM converged after {} iterations, log likelihood {}", iteration,
                    trace.get(trace.size() - 1));
        } else {
            LOG.warn("exact GPFA EM stopped at the limit of {} iterations before the relative tolerance {}",
                    options.maxIterations(), options.relativeTolerance());
        }
        double[] logLikelihoods = trace.stream().mapToDouble(Double::doubleValue).toArray();
        return new ExactGpfaFit(parameters, logLikelihoods, iteration, converged);
    }

    /** Starts from factor analysis by eigenvectors: d the mean, C the top principal axes scaled by sqrt(eigenvalue). */
    GpfaParameters initialParameters() {
        // sample mean and covariance over all bins of all segments
        int total = data.timeBinCount();
        double[] mean = new double[neurons];
        for (int k = 0; k < data.segmentCount(); k++) {
            DMatrixRMaj y = data.activity(k);
            for (int t = 0; t < y.numRows; t++) {
                for (int n = 0; n < neurons; n++) {
                    mean[n] += y.get(t, n) / total;
                }
            }
        }
        DMatrixRMaj covariance = new DMatrixRMaj(neurons, neurons);
        for (int k = 0; k < data.segmentCount(); k++) {
            DMatrixRMaj centred = data.activity(k);
            for (int t = 0; t < centred.numRows; t++) {
                for (int n = 0; n < neurons; n++) {
                    centred.add(t, n, -mean[n]);
                }
            }
            CommonOps_DDRM.multAddTransA(1.0 / total, centred, centred, covariance);
        }
        noiseFloor = new double[neurons];
        for (int n = 0; n < neurons; n++) {
            if (!(covariance.get(n, n) > 0)) {
                throw zeroVariance(data, n);
            }
            if (covariance.get(n, n) == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException(String.format(
                        "the variance of neuron %s overflows a double; expected activity well below 1e154 in "
                                + "magnitude (rescale the data)", data.neuronNames().get(n)));
            }
            noiseFloor[n] = NOISE_FLOOR_SHARE * covariance.get(n, n);
        }

        // top D eigenpairs of the covariance
        EigenDecomposition_F64<DMatrixRMaj> eigen = DecompositionFactory_DDRM.eig(neurons, true, true);
        if (!eigen.decompose(covariance.copy())) {
            throw new NotConvergedException("the eigenvalue decomposition of the activity covariance, which starts "
                    + "the loadings, did not converge", 0, Double.NaN);
        }
        Integer[] order = new Integer[neurons];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Double.compare(eigen.getEigenvalue(b).real, eigen.getEigenvalue(a).real));
        DMatrixRMaj loadings = new DMatrixRMaj(neurons, latents);
        for (int j = 0; j < latents; j++) {
            double scale = Math.sqrt(Math.max(eigen.getEigenvalue(order[j]).real, 0));
            DMatrixRMaj vector = eigen.getEigenVector(order[j]);
            for (int n = 0; n < neurons; n++) {
                loadings.set(n, j, scale * vector.get(n));
            }
        }
        double[] noise = new double[neurons];
        for (int n = 0; n < neurons; n++) {
            double explained = 0;
            for (int j = 0; j < latents; j++) {
                explained += loadings.get(n, j) * loadings.get(n, j);
            }
            noise[n] = Math.max(covariance.get(n, n) - explained, noiseFloor[n]);
        }
        double[] lengthScales = new double[latents];
        Arrays.fill(lengthScales, options.initialLengthScaleSeconds());
        double[] unit = new double[latents];
        Arrays.fill(unit, 1.0);
        return new GpfaParameters(loadings, mean, noise, lengthScales, unit);
    }

    /** Runs the E-step, fills the sufficient statistics and returns the log marginal likelihood. */
    private double expectation(GpfaParameters parameters) {
        sumXx = new DMatrixRMaj(latents + 1, latents + 1);
        sumYx = new DMatrixRMaj(neurons, latents + 1);
        sumYy = new double[neurons];
        secondMoments = new ArrayList<>();
        for (int j = 0; j < latents; j++) {
            secondMoments.add(new ArrayList<>());
        }
        double logLikelihood = 0;
        DMatrixRMaj kernelInverses = new DMatrixRMaj(1, 1);
        for (int k = 0; k < data.segmentCount(); k++) {
            DMatrixRMaj y = data.activity(k);
            LatentPosterior posterior = ExactGpfa.posterior(parameters, data.timesMs(k), y, kernelInverses);
            logLikelihood += posterior.logMarginalLikelihood();
            DMatrixRMaj m = posterior.means();
            DMatrixRMaj sigma = posterior.covariance();
            int bins = y.numRows;

            // sums over bins of E[[x;1][x;1]^T], y [E x; 1]^T and y^2
            for (int t = 0; t < bins; t++) {
                for (int a = 0; a < latents; a++) {
                    for (int b = 0; b < latents; b++) {
                        sumXx.add(a, b, sigma.get(a * bins + t, b * bins + t) + m.get(t, a) * m.get(t, b));
                    }
                    sumXx.add(a, latents, m.get(t, a));
                    sumXx.add(latents, a, m.get(t, a));
                }
                sumXx.add(latents, latents, 1);
                for (int n = 0; n < neurons; n++) {
                    double value = y.get(t, n);
                    for (int a = 0; a < latents; a++) {
                        sumYx.add(n, a, value * m.get(t, a));
                    }
                    sumYx.add(n, latents, value);
                    sumYy[n] += value * value;
                }
            }

            // E[x_j x_j^T] for the length-scale step
            for (int j = 0; j < latents; j++) {
                DMatrixRMaj moment = CommonOps_DDRM.extract(sigma, j * bins, (j + 1) * bins, j * bins, (j + 1) * bins);
                for (int t = 0; t < bins; t++) {
                    for (int s = 0; s < bins; s++) {
                        moment.add(t, s, m.get(t, j) * m.get(s, j));
                    }
                }
                secondMoments.get(j).add(moment);
            }
        }
        return logLikelihood;
    }

    /** Updates [C d] and R in closed form, then each length scale by a line search. */
    private GpfaParameters maximisation(GpfaParameters parameters) {
        // [C d] = (sum y [x;1]^T) (sum E[[x;1][x;1]^T])^-1
        DMatrixRMaj inverse = new DMatrixRMaj(latents + 1, latents + 1);
        SpdMatrices.invert(sumXx, inverse, "second moment of the latents");
        DMatrixRMaj loadingsAndOffsets = new DMatrixRMaj(neurons, latents + 1);
        CommonOps_DDRM.mult(sumYx, inverse, loadingsAndOffsets);
        DMatrixRMaj loadings = CommonOps_DDRM.extract(loadingsAndOffsets, 0, neurons, 0, latents);
        double[] offsets = new double[neurons];
        double[] noise = new double[neurons];
        int total = data.timeBinCount();
        for (int n = 0; n < neurons; n++) {
            offsets[n] = loadingsAndOffsets.get(n, latents);
            double explained = 0;
            for (int a = 0; a <= latents; a++) {
                explained += loadingsAndOffsets.get(n, a) * sumYx.get(n, a);
            }
            noise[n] = Math.max((sumYy[n] - explained) / total, noiseFloor[n]);
        }

        double[] lengthScales = parameters.lengthScalesSeconds();
        for (int j = 0; j < latents; j++) {
            lengthScales[j] = improveLengthScale(j, lengthScales[j]);
        }
        return new GpfaParameters(loadings, offsets, noise, lengthScales, parameters.priorVariances());
    }

    /**
     * Raises {@code Q_j(l) = sum_segments [-1/2 log det K - 1/2 tr(K^-1 E[x_j x_j^T])]} by
     * backtracking steps along the sign of {@code dQ_j / d log l}. Every accepted step raises
     * Q_j, so the M-step stays a generalised EM step.
     */
    private double improveLengthScale(int j, double lengthScale) {
        double current = lengthScale;
        double[] valueAndSlope = expectedLogPrior(j, current);
        for (int step = 0; step < options.lengthScaleSteps(); step++) {
            double direction = Math.signum(valueAndSlope[1]);
            if (direction == 0) {
                break;
            }
            double trial = FIRST_LOG_STEP;
            boolean accepted = false;
            while (trial >= MIN_LOG_STEP) {
                double candidate = current * Math.exp(direction * trial);
                double[] next = expectedLogPrior(j, candidate);
                if (next[0] > valueAndSlope[0]) {
                    current = candidate;
                    valueAndSlope = next;
                    accepted = true;
                    break;
                }
                trial /= 2;
            }
            if (!accepted) {
                break;
            }
        }
        return current;
    }

    /** Returns Q_j and its derivative with respect to log l. */
    private double[] expectedLogPrior(int j, double lengthScale) {
        double value = 0;
        double slope = 0;
        for (int k = 0; k < data.segmentCount(); k++) {
            double[] seconds = ExactGpfa.toSeconds(data.timesMs(k));
            int bins = seconds.length;
            DMatrixRMaj kernel = new DMatrixRMaj(bins, bins);
            SquaredExponentialKernel.covariance(seconds, lengthScale, 1.0, kernel);
            DMatrixRMaj kernelInverse = new DMatrixRMaj(bins, bins);
            double logDet = SpdMatrices.invert(kernel, kernelInverse, "kernel matrix of latent " + j);
            DMatrixRMaj moment = secondMoments.get(j).get(k);
            value += -0.5 * logDet - 0.5 * SpdMatrices.traceOfProduct(kernelInverse, moment);

            // dQ/dlog l = 1/2 sum_ab (K^-1 E K^-1 - K^-1)_ab (dK/dlog l)_ab
            DMatrixRMaj left = new DMatrixRMaj(bins, bins);
            CommonOps_DDRM.mult(kernelInverse, moment, left);
            DMatrixRMaj sandwich = new DMatrixRMaj(bins, bins);
            CommonOps_DDRM.mult(left, kernelInverse, sandwich);
            CommonOps_DDRM.subtractEquals(sandwich, kernelInverse);
            DMatrixRMaj derivative = new DMatrixRMaj(bins, bins);
            SquaredExponentialKernel.logLengthScaleDerivative(seconds, seconds, lengthScale, 1.0, derivative);
            slope += 0.5 * SpdMatrices.traceOfProduct(sandwich, derivative);
        }
        return new double[] {value, slope};
    }

    /**
     * Builds the rejection of a neuron whose variance is zero: either its activity is constant or
     * it varies but is so small (about 1e-154 and below) that its variance underflows a double.
     * The fit works in the units of the data, so scaling only this check would not help.
     */
    private static IllegalArgumentException zeroVariance(GpfaData data, int neuron) {
        double smallest = Double.POSITIVE_INFINITY;
        double largest = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < data.segmentCount(); k++) {
            DMatrixRMaj y = data.activity(k);
            for (int t = 0; t < y.numRows; t++) {
                smallest = Math.min(smallest, y.get(t, neuron));
                largest = Math.max(largest, y.get(t, neuron));
            }
        }
        String name = data.neuronNames().get(neuron);
        if (smallest < largest) {
            return new IllegalArgumentException(String.format(
                    "activity of neuron %s varies, from %.3e to %.3e, but is too small for its variance to be "
                    + "represented in a double; expected activity well above 1e-154 in magnitude (rescale the data)",
                    name, smallest, largest));
        }
        return new IllegalArgumentException(String.format(
                "activity of neuron %s is constant; expected every neuron to vary (remove silent neurons)", name));
    }
}
