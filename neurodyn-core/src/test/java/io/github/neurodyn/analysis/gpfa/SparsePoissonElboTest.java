package io.github.neurodyn.analysis.gpfa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Checks every entry of the Poisson ELBO gradient against central finite differences for both
 * links, and the value against an independent sum over the latent marginals.
 */
class SparsePoissonElboTest {

    /** Central-difference step, in the unit of each parameter. */
    private static final double STEP = 1e-5;
    /** Allowed difference between analytic and numerical gradients, relative to 1 + |gradient|. */
    private static final double GRADIENT_TOLERANCE = 1e-6;
    /** Agreement between the bound and the sum assembled from {@link InducingPosterior#marginals}. */
    private static final double VALUE_AGREEMENT = 1e-10;

    private static final int NEURONS = 4;
    private static final double[] TIMES_MS = {0, 20, 40, 60, 80, 100, 140};
    private static final double[] INDUCING_MS = {10, 70, 130};
    private static final double[][] INDUCING_PER_LATENT = {INDUCING_MS, INDUCING_MS};

    private GpfaParameters parameters;
    private DMatrixRMaj y;
    private DMatrixRMaj[] means;
    private DMatrixRMaj[] factors;
    private PoissonExpectedLogLikelihood likelihood;
    private ElboGradient analytic;

    private void randomInstance(PoissonLink link) {
        Random random = new Random(41);
        DMatrixRMaj c = new DMatrixRMaj(NEURONS, 2);
        double[] d = new double[NEURONS];
        double[] r = new double[NEURONS];
        for (int n = 0; n < NEURONS; n++) {
            for (int j = 0; j < 2; j++) {
                c.set(n, j, 0.6 * random.nextGaussian());
            }
            d[n] = 0.5 * random.nextGaussian();
            r[n] = 1;
        }
        parameters = new GpfaParameters(c, d, r, new double[] {0.05, 0.12}, new double[] {1.0, 0.7});
        y = new DMatrixRMaj(TIMES_MS.length, NEURONS);
        for (int i = 0; i < y.data.length; i++) {
            y.data[i] = random.nextInt(6);
        }
        means = new DMatrixRMaj[2];
        factors = new DMatrixRMaj[2];
        for (int j = 0; j < 2; j++) {
            int m = INDUCING_MS.length;
            means[j] = new DMatrixRMaj(m, 1);
            factors[j] = new DMatrixRMaj(m, m);
            for (int i = 0; i < m; i++) {
                means[j].set(i, random.nextGaussian());
                factors[j].set(i, i, 0.3 + 0.5 * random.nextDouble());
                for (int k = 0; k < i; k++) {
                    factors[j].set(i, k, 0.2 * random.nextGaussian());
                }
            }
        }
        likelihood = PoissonExpectedLogLikelihood.of(link);
        analytic = bound();
    }

    @ParameterizedTest
    @EnumSource(PoissonLink.class)
    void valueMatchesMarginalSum(PoissonLink link) {
        randomInstance(link);
        DMatrixRMaj meanMatrix = new DMatrixRMaj(INDUCING_MS.length, 2);
        DMatrixRMaj[] covariances = new DMatrixRMaj[2];
        double divergence = 0;
        for (int j = 0; j < 2; j++) {
            for (int i = 0; i < INDUCING_MS.length; i++) {
                meanMatrix.set(i, j, means[j].get(i));
            }
            covariances[j] = new DMatrixRMaj(INDUCING_MS.length, INDUCING_MS.length);
            CommonOps_DDRM.multTransB(factors[j], factors[j], covariances[j]);
            divergence += divergence(j, covariances[j]);
        }
        LatentMarginals marginals = new InducingPosterior(INDUCING_MS, meanMatrix, covariances)
                .marginals(parameters, TIMES_MS);
        DMatrixRMaj c = parameters.loadings();
        double expected = 0;
        for (int t = 0; t < TIMES_MS.length; t++) {
            for (int n = 0; n < NEURONS; n++) {
                double mean = parameters.offsets()[n];
                double variance = 0;
                for (int j = 0; j < 2; j++) {
                    mean += c.get(n, j) * marginals.means().get(t, j);
                    variance += c.get(n, j) * c.get(n, j) * marginals.variances().get(t, j);
                }
                expected += likelihood.value(y.get(t, n), mean, variance);
            }
        }
        double reference = expected - divergence;
        assertEquals(reference, analytic.value(), VALUE_AGREEMENT * Math.abs(reference));
    }

    @ParameterizedTest
    @EnumSource(PoissonLink.class)
    void loadingsGradientMatches(PoissonLink link) {
        randomInstance(link);
        DMatrixRMaj c = parameters.loadings();
        for (int i = 0; i < c.data.length; i++) {
            int index = i;
            double numerical = centralDifference(c.data[i], value -> {
                DMatrixRMaj shifted = c.copy();
                shifted.data[index] = value;
                return boundWith(new GpfaParameters(shifted, parameters.offsets(), parameters.noiseVariances(),
                        parameters.lengthScalesSeconds(), parameters.priorVariances()));
            });
            assertClose(numerical, analytic.loadings().data[i], "dC entry " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(PoissonLink.class)
    void offsetsGradientMatches(PoissonLink link) {
        randomInstance(link);
        double[] d = parameters.offsets();
        for (int n = 0; n < d.length; n++) {
            int index = n;
            double numerical = centralDifference(d[n], value -> {
                double[] shifted = d.clone();
                shifted[index] = value;
                return boundWith(new GpfaParameters(parameters.loadings(), shifted, parameters.noiseVariances(),
                        parameters.lengthScalesSeconds(), parameters.priorVariances()));
            });
            assertClose(numerical, analytic.offsets()[n], "dd entry " + n);
        }
    }

    @ParameterizedTest
    @EnumSource(PoissonLink.class)
    void variationalMeanGradientMatches(PoissonLink link) {
        randomInstance(link);
        for (int j = 0; j < 2; j++) {
            for (int i = 0; i < means[j].numRows; i++) {
                DMatrixRMaj target = means[j];
                int index = i;
                double original = target.data[i];
                double numerical = centralDifference(original, value -> {
                    target.data[index] = value;
                    double result = bound().value();
                    target.data[index] = original;
                    return result;
                });
                assertClose(numerical, analytic.means()[j].data[i], "dm latent " + j + " entry " + i);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PoissonLink.class)
    void variationalFactorGradientMatches(PoissonLink link) {
        randomInstance(link);
        for (int j = 0; j < 2; j++) {
            int m = factors[j].numRows;
            for (int row = 0; row < m; row++) {
                for (int col = 0; col <= row; col++) {
                    DMatrixRMaj target = factors[j];
                    int index = row * m + col;
                    double original = target.data[index];
                    double numerical = centralDifference(original, value -> {
                        target.data[index] = value;
                        double result = bound().value();
                        target.data[index] = original;
                        return result;
                    });
                    assertClose(numerical, analytic.factors()[j].data[index],
                            "dL latent " + j + " entry (" + row + ", " + col + ")");
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PoissonLink.class)
    void logLengthScaleGradientMatches(PoissonLink link) {
        randomInstance(link);
        double[] lengths = parameters.lengthScalesSeconds();
        for (int j = 0; j < lengths.length; j++) {
            int index = j;
            double numerical = centralDifference(Math.log(lengths[j]), value -> {
                double[] shifted = lengths.clone();
                shifted[index] = Math.exp(value);
                return boundWith(new GpfaParameters(parameters.loadings(), parameters.offsets(),
                        parameters.noiseVariances(), shifted, parameters.priorVariances()));
            });
            assertClose(numerical, analytic.logLengthScales()[j], "dlog l latent " + j);
        }
    }

    @ParameterizedTest
    @EnumSource(PoissonLink.class)
    void logPriorVarianceGradientMatches(PoissonLink link) {
        randomInstance(link);
        double[] variances = parameters.priorVariances();
        for (int j = 0; j < variances.length; j++) {
            int index = j;
            double numerical = centralDifference(Math.log(variances[j]), value -> {
                double[] shifted = variances.clone();
                shifted[index] = Math.exp(value);
                return boundWith(new GpfaParameters(parameters.loadings(), parameters.offsets(),
                        parameters.noiseVariances(), parameters.lengthScalesSeconds(), shifted));
            });
            assertClose(numerical, analytic.logPriorVariances()[j], "dlog sigma^2 latent " + j);
        }
    }

    /** Returns KL(N(m_j, S_j) || N(0, K_zz)) written out from the Gaussian densities. */
    private double divergence(int j, DMatrixRMaj covariance) {
        int m = INDUCING_MS.length;
        DMatrixRMaj kernel = new DMatrixRMaj(m, m);
        SquaredExponentialKernel.covariance(ExactGpfa.toSeconds(INDUCING_MS), parameters.lengthScalesSeconds()[j],
                parameters.priorVariances()[j], kernel);
        DMatrixRMaj kernelInverse = kernel.copy();
        CommonOps_DDRM.invert(kernelInverse);
        DMatrixRMaj product = new DMatrixRMaj(m, m);
        CommonOps_DDRM.mult(kernelInverse, covariance, product);
        DMatrixRMaj solved = new DMatrixRMaj(m, 1);
        CommonOps_DDRM.mult(kernelInverse, means[j], solved);
        return 0.5 * (CommonOps_DDRM.trace(product) + CommonOps_DDRM.dot(means[j], solved) - m
                + Math.log(CommonOps_DDRM.det(kernel) / CommonOps_DDRM.det(covariance)));
    }

    private ElboGradient bound() {
        return SparsePoissonElbo.gradient(parameters, likelihood, TIMES_MS, y, INDUCING_PER_LATENT, means, factors);
    }

    private double boundWith(GpfaParameters shifted) {
        return SparsePoissonElbo.gradient(shifted, likelihood, TIMES_MS, y, INDUCING_PER_LATENT, means, factors)
                .value();
    }

    private static double centralDifference(double at, DoubleUnaryOperator function) {
        return (function.applyAsDouble(at + STEP) - function.applyAsDouble(at - STEP)) / (2 * STEP);
    }

    private static void assertClose(double numerical, double analyticValue, String label) {
        assertEquals(numerical, analyticValue, GRADIENT_TOLERANCE * (1 + Math.abs(numerical)), label);
    }
}
