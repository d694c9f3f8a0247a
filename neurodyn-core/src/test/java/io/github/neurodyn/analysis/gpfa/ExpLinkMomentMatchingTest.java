package io.github.neurodyn.analysis.gpfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * Measures the moment matching of {@link PoissonPredictorLikelihood} for the exp link. With
 * {@code c ~ N(mu, Sigma)} and {@code x ~ N(m, diag(v))} independent,
 * {@code E[exp(c . x + d)] = E_x[exp(mu . x + d + x^T Sigma x / 2)]}. Writing
 * {@code Q = V^1/2 Sigma V^1/2} and {@code b = V^1/2 (mu + Sigma m)}, this Gaussian integral is
 * {@code exp(d + mu . m + m^T Sigma m / 2) det(I - Q)^-1/2 exp(b^T (I - Q)^-1 b / 2)} when
 * {@code I - Q} is positive definite, and infinite otherwise. The fit uses
 * {@code exp(E[eta] + Var[eta] / 2)} instead.
 */
class ExpLinkMomentMatchingTest {

    /** Monte Carlo draws that check the closed form. */
    private static final int DRAWS = 400_000;
    /** Allowed Monte Carlo error, in standard errors. */
    private static final double STANDARD_ERRORS = 5;
    /**
     * Largest relative gap between the moment-matched and the exact E[exp(eta)] for loading
     * posteriors with standard deviations up to 0.1 and latent variances up to 0.3. The measured
     * worst case of 200 draws was 0.0040.
     */
    private static final double POSTERIOR_GAP = 0.01;
    /**
     * The same for standard deviations up to 0.3 and latent variances up to 1, a wide posterior.
     * The measured worst case was 0.19.
     */
    private static final double WIDE_POSTERIOR_GAP = 0.25;
    private static final int LATENTS = 3;

    @Test
    void exactFormMatchesMonteCarlo() {
        Random random = new Random(51);
        Case sample = randomCase(random, 0.2, 0.5);
        double exact = sample.exact();
        double sum = 0;
        double sumSquares = 0;
        DMatrixRMaj lower = sample.sigma.copy();
        CommonOps_DDRM.fill(lower, 0);
        choleskyInto(sample.sigma, lower);
        for (int draw = 0; draw < DRAWS; draw++) {
            double[] z = new double[LATENTS];
            for (int j = 0; j < LATENTS; j++) {
                z[j] = random.nextGaussian();
            }
            double eta = sample.offset;
            for (int j = 0; j < LATENTS; j++) {
                double c = sample.mu[j];
                for (int k = 0; k <= j; k++) {
                    c += lower.get(j, k) * z[k];
                }
                double x = sample.m[j] + Math.sqrt(sample.v[j]) * random.nextGaussian();
                eta += c * x;
            }
            double value = Math.exp(eta);
            sum += value;
            sumSquares += value * value;
        }
        double mean = sum / DRAWS;
        double standardError = Math.sqrt((sumSquares / DRAWS - mean * mean) / DRAWS);
        assertEquals(mean, exact, STANDARD_ERRORS * standardError);
    }

    @Test
    void momentMatchingGapIsSmall() {
        double worst = worstGap(new Random(52), 0.1, 0.3);
        assertTrue(worst < POSTERIOR_GAP, "worst relative gap " + worst);
    }

    @Test
    void momentMatchingGapOfWidePosterior() {
        double worst = worstGap(new Random(53), 0.3, 1.0);
        assertTrue(worst < WIDE_POSTERIOR_GAP, "worst relative gap " + worst);
    }

    /** Returns the largest {@code |moment-matched / exact - 1|} over 200 random predictors. */
    private static double worstGap(Random random, double loadingSd, double latentVariance) {
        double worst = 0;
        for (int trial = 0; trial < 200; trial++) {
            Case sample = randomCase(random, loadingSd, latentVariance);
            worst = Math.max(worst, Math.abs(sample.momentMatched() / sample.exact() - 1));
        }
        return worst;
    }

    /** Returns loadings of size 0.5, posterior standard deviations up to {@code loadingSd} and latent variances up to {@code latentVariance}. */
    private static Case randomCase(Random random, double loadingSd, double latentVariance) {
        double[] mu = new double[LATENTS];
        double[] m = new double[LATENTS];
        double[] v = new double[LATENTS];
        DMatrixRMaj factor = new DMatrixRMaj(LATENTS, LATENTS);
        for (int j = 0; j < LATENTS; j++) {
            mu[j] = 0.5 * random.nextGaussian();
            m[j] = random.nextGaussian();
            v[j] = latentVariance * random.nextDouble();
            for (int k = 0; k <= j; k++) {
                factor.set(j, k, loadingSd * (k == j ? 0.2 + 0.8 * random.nextDouble() : 0.3 * random.nextGaussian()));
            }
        }
        DMatrixRMaj sigma = new DMatrixRMaj(LATENTS, LATENTS);
        CommonOps_DDRM.multTransB(factor, factor, sigma);
        return new Case(mu, sigma, m, v, 0.3 * random.nextGaussian());
    }

    private static void choleskyInto(DMatrixRMaj a, DMatrixRMaj lower) {
        int n = a.numRows;
        for (int j = 0; j < n; j++) {
            for (int i = j; i < n; i++) {
                double sum = a.get(i, j);
                for (int k = 0; k < j; k++) {
                    sum -= lower.get(i, k) * lower.get(j, k);
                }
                lower.set(i, j, i == j ? Math.sqrt(sum) : sum / lower.get(j, j));
            }
        }
    }

    /** One predictor: {@code q(c) = N(mu, sigma)}, {@code q(x) = N(m, diag(v))} and the offset d. */
    private record Case(double[] mu, DMatrixRMaj sigma, double[] m, double[] v, double offset) {

        double exact() {
            int n = mu.length;
            DMatrixRMaj q = new DMatrixRMaj(n, n);
            double[] b = new double[n];
            double quadratic = 0;
            double linear = offset;
            for (int i = 0; i < n; i++) {
                double sigmaM = 0;
                for (int k = 0; k < n; k++) {
                    q.set(i, k, -Math.sqrt(v[i] * v[k]) * sigma.get(i, k));
                    sigmaM += sigma.get(i, k) * m[k];
                }
                q.add(i, i, 1);
                b[i] = Math.sqrt(v[i]) * (mu[i] + sigmaM);
                quadratic += m[i] * sigmaM;
                linear += mu[i] * m[i];
            }
            DMatrixRMaj inverse = q.copy();
            CommonOps_DDRM.invert(inverse);
            double form = 0;
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < n; k++) {
                    form += b[i] * inverse.get(i, k) * b[k];
                }
            }
            return Math.exp(linear + 0.5 * quadratic + 0.5 * form) / Math.sqrt(CommonOps_DDRM.det(q));
        }

        double momentMatched() {
            int n = mu.length;
            double mean = offset;
            double variance = 0;
            for (int i = 0; i < n; i++) {
                mean += mu[i] * m[i];
                variance += (sigma.get(i, i) + mu[i] * mu[i]) * v[i];
                for (int k = 0; k < n; k++) {
                    variance += m[i] * sigma.get(i, k) * m[k];
                }
            }
            return Math.exp(mean + 0.5 * variance);
        }
    }
}
