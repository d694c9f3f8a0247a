package io.github.neurodyn.analysis.gpfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.hipparchus.analysis.integration.IterativeLegendreGaussIntegrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PoissonExpectedLogLikelihoodTest {

    /** Agreement of the closed form (exp link) with adaptive integration, relative to max(1, |E|). */
    private static final double CLOSED_FORM_AGREEMENT = 1e-10;
    /**
     * Agreement of the quadrature (softplus link) with adaptive integration, relative to max(1, |E|),
     * for predictor variances up to 1 and up to 4. With 32 nodes the measured worst errors of the value
     * were 1.5e-14 and 3.6e-8, and of the derivatives 1.2e-7 at variance 4.
     */
    private static final double QUADRATURE_AGREEMENT = 1e-12;
    private static final double WIDE_QUADRATURE_AGREEMENT = 1e-6;
    /** Agreement of the derivatives with central differences, relative to max(1, |dE|). */
    private static final double DIFFERENCE_AGREEMENT = 1e-7;
    /** Central-difference step in the mean and the variance. */
    private static final double STEP = 1e-5;
    /** Half-width of the integration interval, in standard deviations of eta. */
    private static final double HALF_WIDTH_SDS = 14;

    private static final double[] COUNTS = {0, 1, 5, 50};
    private static final double[] EXP_MEANS = {-8, -1, 0, 2.5};
    private static final double[] SOFTPLUS_MEANS = {-30, -8, -2, 0, 1.5, 6, 30};
    private static final double[] VARIANCES = {1e-4, 0.1, 1, 4};

    private final PoissonExpectedLogLikelihood exp = PoissonExpectedLogLikelihood.of(PoissonLink.EXP);
    private final PoissonExpectedLogLikelihood softplus = PoissonExpectedLogLikelihood.of(PoissonLink.SOFTPLUS);

    @Test
    void closedFormMatchesIntegration() {
        for (double count : COUNTS) {
            for (double mean : EXP_MEANS) {
                for (double variance : VARIANCES) {
                    double reference = gaussianAverage(eta -> count * eta - Math.exp(eta), mean, variance)
                            - PoissonExpectedLogLikelihood.logFactorial(count);
                    double value = exp.value(count, mean, variance);
                    assertEquals(reference, value, CLOSED_FORM_AGREEMENT * Math.max(1, Math.abs(reference)),
                            label(count, mean, variance));
                }
            }
        }
    }

    @Test
    void quadratureMatchesIntegration() {
        double[] derivatives = new double[2];
        for (double count : COUNTS) {
            for (double mean : SOFTPLUS_MEANS) {
                for (double variance : VARIANCES) {
                    double value = softplus.evaluate(count, mean, variance, derivatives);
                    double tolerance = variance <= 1 ? QUADRATURE_AGREEMENT : WIDE_QUADRATURE_AGREEMENT;
                    double reference = gaussianAverage(eta -> count * logSoftplus(eta) - softplus(eta), mean, variance)
                            - PoissonExpectedLogLikelihood.logFactorial(count);
                    assertEquals(reference, value, tolerance * Math.max(1, Math.abs(reference)),
                            "value at " + label(count, mean, variance));

                    // dE/dmean = E[g'(eta)] and dE/dvariance = E[g''(eta)] / 2
                    double slope = gaussianAverage(eta -> count * sigmoid(eta) / softplus(eta) - sigmoid(eta), mean,
                            variance);
                    assertEquals(slope, derivatives[0], tolerance * Math.max(1, Math.abs(slope)),
                            "dE/dmean at " + label(count, mean, variance));
                    double curvature = 0.5 * gaussianAverage(eta -> secondDerivative(count, eta), mean, variance);
                    assertEquals(curvature, derivatives[1], tolerance * Math.max(1, Math.abs(curvature)),
                            "dE/dvariance at " + label(count, mean, variance));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PoissonLink.class)
    void derivativesMatchFiniteDifferences(PoissonLink link) {
        PoissonExpectedLogLikelihood likelihood = PoissonExpectedLogLikelihood.of(link);
        double[] derivatives = new double[2];
        for (double count : COUNTS) {
            for (double mean : new double[] {-6, -0.5, 0.3, 2}) {
                for (double variance : new double[] {0.01, 0.7, 2.5}) {
                    likelihood.evaluate(count, mean, variance, derivatives);
                    double byMean = (likelihood.value(count, mean + STEP, variance)
                            - likelihood.value(count, mean - STEP, variance)) / (2 * STEP);
                    double byVariance = (likelihood.value(count, mean, variance + STEP)
                            - likelihood.value(count, mean, variance - STEP)) / (2 * STEP);
                    assertEquals(byMean, derivatives[0], DIFFERENCE_AGREEMENT * Math.max(1, Math.abs(byMean)),
                            "dE/dmean at " + label(count, mean, variance));
                    assertEquals(byVariance, derivatives[1], DIFFERENCE_AGREEMENT * Math.max(1, Math.abs(byVariance)),
                            "dE/dvariance at " + label(count, mean, variance));
                }
            }
        }
    }

    @Test
    void zeroVarianceIsTheLimit() {
        double[] atZero = new double[2];
        double[] nearZero = new double[2];
        for (double count : COUNTS) {
            for (double mean : SOFTPLUS_MEANS) {
                double value = softplus.evaluate(count, mean, 0, atZero);
                double pointValue = count * logSoftplus(mean) - softplus(mean)
                        - PoissonExpectedLogLikelihood.logFactorial(count);
                assertEquals(pointValue, value, 1e-12 * Math.max(1, Math.abs(value)), "value at " + label(count, mean, 0));
                softplus.evaluate(count, mean, 1e-10, nearZero);
                assertEquals(nearZero[1], atZero[1], 1e-6 * Math.max(1, Math.abs(atZero[1])),
                        "dE/dvariance at " + label(count, mean, 0));
            }
        }
    }

    @Test
    void extremeMeansStayFinite() {
        double[] derivatives = new double[2];
        for (double mean : new double[] {-1e4, -800, 800, 1e4}) {
            double value = softplus.evaluate(3, mean, 2, derivatives);
            assertTrue(Double.isFinite(value), "softplus value at mean " + mean);
            assertTrue(Double.isFinite(derivatives[0]), "softplus dE/dmean at mean " + mean);
            assertTrue(Double.isFinite(derivatives[1]), "softplus dE/dvariance at mean " + mean);
        }
        // far below zero the softplus rate is exp(eta), so E tends to y mean - exp(mean + variance / 2) - log y!
        double value = softplus.value(3, -800, 2);
        assertEquals(3 * -800 - PoissonExpectedLogLikelihood.logFactorial(3), value, 1e-12 * 2400);
        assertEquals(-1e4, exp.value(1, -1e4, 1), 0);
    }

    @Test
    void logFactorialAcrossTableEdge() {
        assertEquals(0, PoissonExpectedLogLikelihood.logFactorial(0), 0);
        assertEquals(0, PoissonExpectedLogLikelihood.logFactorial(1), 0);
        assertEquals(Math.log(120), PoissonExpectedLogLikelihood.logFactorial(5), 1e-13);
        for (int k : new int[] {1023, 1024, 1500, 4000}) {
            double sum = 0;
            for (int i = 2; i <= k; i++) {
                sum += Math.log(i);
            }
            assertEquals(sum, PoissonExpectedLogLikelihood.logFactorial(k), 1e-12 * sum, "log " + k + "!");
        }
    }

    @Test
    void badInputRejected() {
        double[] derivatives = new double[2];
        assertThrows(IllegalArgumentException.class, () -> PoissonExpectedLogLikelihood.of(null));
        assertThrows(IllegalArgumentException.class, () -> exp.value(-1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> exp.value(2.5, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> softplus.value(Double.NaN, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> softplus.value(1, Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> softplus.value(1, 0, -1e-3));
        assertThrows(IllegalArgumentException.class, () -> softplus.value(1, 0, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> softplus.evaluate(1, 0, 1, new double[1]));
        assertThrows(IllegalArgumentException.class, () -> exp.evaluate(-2, 0, 1, derivatives));
    }

    /** Returns E[h(eta)] for eta ~ N(mean, variance) by adaptive Gauss-Legendre integration. */
    private static double gaussianAverage(DoubleUnaryOperator h, double mean, double variance) {
        double sd = Math.sqrt(variance);
        IterativeLegendreGaussIntegrator integrator = new IterativeLegendreGaussIntegrator(24, 1e-14, 1e-14);
        double total = 0;
        // pieces of one standard deviation keep every piece smooth enough for the rule
        for (double from = -HALF_WIDTH_SDS; from < HALF_WIDTH_SDS; from += 1) {
            double lower = from;
            total += integrator.integrate(100_000, z -> Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI)
                    * h.applyAsDouble(mean + sd * z), lower, lower + 1);
        }
        return total;
    }

    private static double softplus(double eta) {
        return Math.log1p(Math.exp(-Math.abs(eta))) + Math.max(eta, 0);
    }

    /** Returns log softplus(eta), with its series below -30 where softplus rounds to exp(eta). */
    private static double logSoftplus(double eta) {
        return eta < -30 ? eta - 0.5 * Math.exp(eta) : Math.log(softplus(eta));
    }

    private static double sigmoid(double eta) {
        return eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
    }

    /** Returns g''(eta) for g = y log softplus - softplus. */
    private static double secondDerivative(double count, double eta) {
        double s = sigmoid(eta);
        double f = softplus(eta);
        double ratio = eta < -30 ? 1 - 0.5 * Math.exp(eta) : s / f;
        return count * (s * (1 - s) / f - ratio * ratio) - s * (1 - s);
    }

    private static String label(double count, double mean, double variance) {
        return "y = " + count + ", mean = " + mean + ", variance = " + variance;
    }
}
