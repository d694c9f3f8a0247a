package io.github.neurodyn.analysis.gpfa;

import static io.github.neurodyn.analysis.gpfa.GradientChecks.assertClose;
import static io.github.neurodyn.analysis.gpfa.GradientChecks.centralDifference;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Checks the chain rule of {@link InducingLatents#backward} for sensitivities that vary over
 * time, as a non-Gaussian noise model produces: for fixed G and H the function
 * {@code F = sum G o mu + sum H o v - KL} has exactly the gradient that {@code backward(G, H, 1)}
 * returns.
 */
class InducingLatentsTest {

    private static final double[] TIMES_MS = {0, 20, 40, 60, 80, 100, 140};
    private static final double[][] INDUCING_MS = {{10, 70, 130}, {0, 45, 90, 135}};

    private GpfaParameters parameters;
    private DMatrixRMaj[] means;
    private DMatrixRMaj[] factors;
    private DMatrixRMaj g;
    private DMatrixRMaj h;

    @BeforeEach
    void randomInstance() {
        Random random = new Random(43);
        parameters = ExactGpfaTest.randomParameters(random);
        means = new DMatrixRMaj[2];
        factors = new DMatrixRMaj[2];
        GradientChecks.randomInducing(random, INDUCING_MS, means, factors);
        g = new DMatrixRMaj(TIMES_MS.length, 2);
        h = new DMatrixRMaj(TIMES_MS.length, 2);
        for (int i = 0; i < g.data.length; i++) {
            g.data[i] = random.nextGaussian();
            h.data[i] = -random.nextDouble();
        }
    }

    @Test
    void factorAndLengthGradientsMatch() {
        ElboGradient analytic = latents(parameters).backward(g, h, 1);
        for (int j = 0; j < 2; j++) {
            int m = factors[j].numRows;
            for (int index = 0; index < m * m; index++) {
                if (index % m > index / m) {
                    continue;
                }
                DMatrixRMaj target = factors[j];
                int entry = index;
                double original = target.data[entry];
                double numerical = centralDifference(original, value -> {
                    target.data[entry] = value;
                    double result = objective(parameters);
                    target.data[entry] = original;
                    return result;
                });
                assertClose(numerical, analytic.factors()[j].data[index], "dL latent " + j + " entry " + index);
            }
            for (int i = 0; i < means[j].numRows; i++) {
                DMatrixRMaj target = means[j];
                int entry = i;
                double original = target.data[entry];
                double numerical = centralDifference(original, value -> {
                    target.data[entry] = value;
                    double result = objective(parameters);
                    target.data[entry] = original;
                    return result;
                });
                assertClose(numerical, analytic.means()[j].data[i], "dm latent " + j + " entry " + i);
            }
            int latent = j;
            double[] lengths = parameters.lengthScalesSeconds();
            double numerical = centralDifference(Math.log(lengths[j]), value -> {
                double[] shifted = lengths.clone();
                shifted[latent] = Math.exp(value);
                return objective(new GpfaParameters(parameters.loadings(), parameters.offsets(),
                        parameters.noiseVariances(), shifted, parameters.priorVariances()));
            });
            assertClose(numerical, analytic.logLengthScales()[j], "dlog l latent " + j);
            double[] variances = parameters.priorVariances();
            double numericalVariance = centralDifference(Math.log(variances[j]), value -> {
                double[] shifted = variances.clone();
                shifted[latent] = Math.exp(value);
                return objective(new GpfaParameters(parameters.loadings(), parameters.offsets(),
                        parameters.noiseVariances(), parameters.lengthScalesSeconds(), shifted));
            });
            assertClose(numericalVariance, analytic.logPriorVariances()[j], "dlog sigma^2 latent " + j);
        }
    }

    private InducingLatents latents(GpfaParameters model) {
        return new InducingLatents(model, TIMES_MS, INDUCING_MS, means, factors);
    }

    private double objective(GpfaParameters model) {
        InducingLatents latents = latents(model);
        double sum = -latents.divergence();
        for (int i = 0; i < g.data.length; i++) {
            sum += g.data[i] * latents.means().data[i] + h.data[i] * latents.variances().data[i];
        }
        return sum;
    }
}
