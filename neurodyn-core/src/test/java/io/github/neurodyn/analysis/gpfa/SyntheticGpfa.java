package io.github.neurodyn.analysis.gpfa;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/** Draws data from a known GPFA model with Gaussian noise or Poisson counts, for recovery tests. */
final class SyntheticGpfa {

    private SyntheticGpfa() {
    }

    /**
     * Draws segments of equally spaced bins from the model.
     *
     * @param parameters the true model
     * @param segments number of segments
     * @param bins bins per segment
     * @param binMs bin width in ms
     * @param random the seeded source
     * @return the data
     */
    static GpfaData draw(GpfaParameters parameters, int segments, int bins, double binMs, Random random) {
        int neurons = parameters.neuronCount();
        double[] timesMs = grid(bins, binMs);
        List<DMatrixRMaj> factors = priorFactors(parameters, timesMs);
        DMatrixRMaj c = parameters.loadings();
        List<double[]> times = new ArrayList<>();
        List<DMatrixRMaj> activity = new ArrayList<>();
        for (int k = 0; k < segments; k++) {
            DMatrixRMaj x = drawLatents(factors, bins, random);
            DMatrixRMaj y = new DMatrixRMaj(bins, neurons);
            for (int t = 0; t < bins; t++) {
                for (int n = 0; n < neurons; n++) {
                    double value = parameters.offsets()[n]
                            + Math.sqrt(parameters.noiseVariances()[n]) * random.nextGaussian();
                    for (int j = 0; j < x.numCols; j++) {
                        value += c.get(n, j) * x.get(t, j);
                    }
                    y.set(t, n, value);
                }
            }
            times.add(timesMs);
            activity.add(y);
        }
        return GpfaData.of(GpfaData.defaultNames(neurons), times, activity);
    }

    /**
     * Draws spike counts {@code y_tn ~ Poisson(f(C_n . x_t + d_n))} from the model; the noise
     * variances are not used.
     *
     * @param parameters the true model
     * @param link the link f, rate in counts per bin
     * @param segments number of segments
     * @param bins bins per segment
     * @param binMs bin width in ms
     * @param random the seeded source
     * @return the data
     */
    static GpfaData drawCounts(GpfaParameters parameters, PoissonLink link, int segments, int bins, double binMs,
            Random random) {
        int neurons = parameters.neuronCount();
        double[] timesMs = grid(bins, binMs);
        List<DMatrixRMaj> factors = priorFactors(parameters, timesMs);
        DMatrixRMaj c = parameters.loadings();
        List<double[]> times = new ArrayList<>();
        List<DMatrixRMaj> activity = new ArrayList<>();
        for (int k = 0; k < segments; k++) {
            DMatrixRMaj x = drawLatents(factors, bins, random);
            DMatrixRMaj y = new DMatrixRMaj(bins, neurons);
            for (int t = 0; t < bins; t++) {
                for (int n = 0; n < neurons; n++) {
                    double eta = parameters.offsets()[n];
                    for (int j = 0; j < x.numCols; j++) {
                        eta += c.get(n, j) * x.get(t, j);
                    }
                    y.set(t, n, poisson(link.rate(eta), random));
                }
            }
            times.add(timesMs);
            activity.add(y);
        }
        return GpfaData.of(GpfaData.defaultNames(neurons), times, activity);
    }

    /** Draws a Poisson count by inversion of its cumulative distribution; fine for rates below about 500. */
    private static int poisson(double rate, Random random) {
        double u = random.nextDouble();
        double probability = Math.exp(-rate);
        double cumulative = probability;
        int count = 0;
        while (u > cumulative && count < 10_000) {
            count++;
            probability *= rate / count;
            cumulative += probability;
        }
        return count;
    }

    private static double[] grid(int bins, double binMs) {
        double[] timesMs = new double[bins];
        for (int t = 0; t < bins; t++) {
            timesMs[t] = t * binMs;
        }
        return timesMs;
    }

    /** Returns the lower Cholesky factor of each latent's prior covariance on the grid. */
    private static List<DMatrixRMaj> priorFactors(GpfaParameters parameters, double[] timesMs) {
        int bins = timesMs.length;
        double[] seconds = ExactGpfa.toSeconds(timesMs);
        List<DMatrixRMaj> factors = new ArrayList<>();
        for (int j = 0; j < parameters.latentCount(); j++) {
            DMatrixRMaj kernel = new DMatrixRMaj(bins, bins);
            SquaredExponentialKernel.covariance(seconds, parameters.lengthScalesSeconds()[j],
                    parameters.priorVariances()[j], kernel);
            CholeskyDecomposition_F64<DMatrixRMaj> cholesky = DecompositionFactory_DDRM.chol(bins, true);
            cholesky.decompose(kernel);
            factors.add(cholesky.getT(null));
        }
        return factors;
    }

    /** Draws one segment of latents, {@code T x D}, from the prior. */
    private static DMatrixRMaj drawLatents(List<DMatrixRMaj> factors, int bins, Random random) {
        DMatrixRMaj x = new DMatrixRMaj(bins, factors.size());
        for (int j = 0; j < factors.size(); j++) {
            double[] white = new double[bins];
            for (int t = 0; t < bins; t++) {
                white[t] = random.nextGaussian();
            }
            for (int t = 0; t < bins; t++) {
                double sum = 0;
                for (int s = 0; s <= t; s++) {
                    sum += factors.get(j).get(t, s) * white[s];
                }
                x.set(t, j, sum);
            }
        }
        return x;
    }

    /** Returns a model with Gaussian loadings, offsets and noise variances in [0.1, 0.3]. */
    static GpfaParameters model(int neurons, double[] lengthScalesSeconds, Random random) {
        int latents = lengthScalesSeconds.length;
        DMatrixRMaj c = new DMatrixRMaj(neurons, latents);
        double[] d = new double[neurons];
        double[] r = new double[neurons];
        for (int n = 0; n < neurons; n++) {
            for (int j = 0; j < latents; j++) {
                c.set(n, j, random.nextGaussian());
            }
            d[n] = random.nextGaussian();
            r[n] = 0.1 + 0.2 * random.nextDouble();
        }
        double[] unit = new double[latents];
        java.util.Arrays.fill(unit, 1.0);
        return new GpfaParameters(c, d, r, lengthScalesSeconds, unit);
    }
}
