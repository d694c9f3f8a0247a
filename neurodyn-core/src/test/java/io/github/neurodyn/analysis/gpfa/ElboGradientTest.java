package io.github.neurodyn.analysis.gpfa;

import static io.github.neurodyn.analysis.gpfa.GradientChecks.assertClose;
import static io.github.neurodyn.analysis.gpfa.GradientChecks.centralDifference;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Checks every hand-derived ELBO gradient entry against central finite differences. */
class ElboGradientTest {


    private static final double[] TIMES_MS = {0, 20, 40, 60, 80, 100, 140};
    private static final double[][] INDUCING_MS = {{10, 70, 130}, {0, 45, 90, 135}};

    private GpfaParameters parameters;
    private DMatrixRMaj y;
    private DMatrixRMaj[] means;
    private DMatrixRMaj[] factors;
    private ElboGradient analytic;

    @BeforeEach
    void randomInstance() {
        Random random = new Random(31);
        parameters = ExactGpfaTest.randomParameters(random);
        y = ExactGpfaTest.randomActivity(random, TIMES_MS.length);
        means = new DMatrixRMaj[2];
        factors = new DMatrixRMaj[2];
        GradientChecks.randomInducing(random, INDUCING_MS, means, factors);
        analytic = bound();
    }

    @Test
    void loadingsGradientMatches() {
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

    @Test
    void offsetsGradientMatches() {
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

    @Test
    void logNoiseGradientMatches() {
        double[] r = parameters.noiseVariances();
        for (int n = 0; n < r.length; n++) {
            int index = n;
            double numerical = centralDifference(Math.log(r[n]), value -> {
                double[] shifted = r.clone();
                shifted[index] = Math.exp(value);
                return boundWith(new GpfaParameters(parameters.loadings(), parameters.offsets(), shifted,
                        parameters.lengthScalesSeconds(), parameters.priorVariances()));
            });
            assertClose(numerical, analytic.logNoiseVariances()[n], "dlog R entry " + n);
        }
    }

    @Test
    void variationalMeanGradientMatches() {
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

    @Test
    void variationalFactorGradientMatches() {
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

    @Test
    void logLengthScaleGradientMatches() {
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

    @Test
    void logPriorVarianceGradientMatches() {
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

    private ElboGradient bound() {
        return SparseGaussianElbo.gradient(parameters, TIMES_MS, y, INDUCING_MS, means, factors);
    }

    private double boundWith(GpfaParameters shifted) {
        return SparseGaussianElbo.gradient(shifted, TIMES_MS, y, INDUCING_MS, means, factors).value();
    }
}
