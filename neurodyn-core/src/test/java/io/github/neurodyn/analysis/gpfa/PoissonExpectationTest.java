package io.github.neurodyn.analysis.gpfa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class PoissonExpectationTest {

    /** Central finite-difference step. */
    private static final double STEP = 1e-6;
    /** Agreement between analytic and finite-difference gradients, relative to max(1, |g|). */
    private static final double GRADIENT_AGREEMENT = 1e-6;
    /** Agreement between the closed form and a Monte Carlo average, absolute in nats. */
    private static final double SAMPLE_AGREEMENT = 0.05;

    private static final int BINS = 5;
    private static final int NEURONS = 4;
    private static final int LATENTS = 2;

    private final Random random = new Random(8);
    private final DMatrixRMaj c = randomMatrix(NEURONS, LATENTS, 0.5, 0);
    private final double[] d = {0.1, -0.3, 0.5, 0.0};
    private final DMatrixRMaj y = counts();
    private final DMatrixRMaj mu = randomMatrix(BINS, LATENTS, 0.7, 0);
    private final DMatrixRMaj v = randomMatrix(BINS, LATENTS, 0.2, 0.3);

    @Test
    void gradientsMatchFiniteDifferences() {
        PoissonExpectation g = PoissonExpectation.of(c, d, y, mu, v);
        checkMatrix(c, g.loadings(), "C");
        checkMatrix(mu, g.means(), "mu");
        checkMatrix(v, g.variances(), "v");
        for (int n = 0; n < NEURONS; n++) {
            int index = n;
            double numeric = difference(() -> d[index] += STEP, () -> d[index] -= 2 * STEP, () -> d[index] += STEP);
            assertEquals(numeric, g.offsets()[n], GRADIENT_AGREEMENT * Math.max(1, Math.abs(numeric)), "d[" + n + "]");
        }
    }

    @Test
    void valueMatchesMonteCarlo() {
        double closed = PoissonExpectation.of(c, d, y, mu, v).value();
        Random draws = new Random(9);
        int samples = 200_000;
        double sum = 0;
        for (int s = 0; s < samples; s++) {
            for (int t = 0; t < BINS; t++) {
                double[] x = new double[LATENTS];
                for (int j = 0; j < LATENTS; j++) {
                    x[j] = mu.get(t, j) + Math.sqrt(v.get(t, j)) * draws.nextGaussian();
                }
                for (int n = 0; n < NEURONS; n++) {
                    double eta = d[n];
                    for (int j = 0; j < LATENTS; j++) {
                        eta += c.get(n, j) * x[j];
                    }
                    sum += y.get(t, n) * eta - Math.exp(eta) - PoissonExpectation.logFactorial(y.get(t, n));
                }
            }
        }
        assertEquals(closed, sum / samples, SAMPLE_AGREEMENT);
    }

    @Test
    void logFactorialOfSmallCounts() {
        assertEquals(0, PoissonExpectation.logFactorial(0), 0);
        assertEquals(0, PoissonExpectation.logFactorial(1), 0);
        assertEquals(Math.log(120), PoissonExpectation.logFactorial(5), 1e-12);
    }

    private void checkMatrix(DMatrixRMaj target, DMatrixRMaj analytic, String name) {
        for (int i = 0; i < target.data.length; i++) {
            int index = i;
            double numeric = difference(() -> target.data[index] += STEP, () -> target.data[index] -= 2 * STEP,
                    () -> target.data[index] += STEP);
            assertEquals(numeric, analytic.data[i], GRADIENT_AGREEMENT * Math.max(1, Math.abs(numeric)),
                    name + " entry " + i);
        }
    }

    /** Returns the central difference of the value, perturbing up, then down, then restoring. */
    private double difference(Runnable up, Runnable down, Runnable restore) {
        up.run();
        double plus = PoissonExpectation.of(c, d, y, mu, v).value();
        down.run();
        double minus = PoissonExpectation.of(c, d, y, mu, v).value();
        restore.run();
        return (plus - minus) / (2 * STEP);
    }

    /** Returns Gaussian entries times {@code scale}, or their magnitudes plus {@code shift} when it is positive. */
    private DMatrixRMaj randomMatrix(int rows, int cols, double scale, double shift) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            double draw = random.nextGaussian();
            m.data[i] = shift > 0 ? shift + scale * Math.abs(draw) : scale * draw;
        }
        return m;
    }

    private DMatrixRMaj counts() {
        DMatrixRMaj m = new DMatrixRMaj(BINS, NEURONS);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = random.nextInt(5);
        }
        return m;
    }
}
