package io.github.neurodyn.analysis.gpfa;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/**
 * Closed-form coordinate ascent of the Gaussian-noise bound for q(C), d, R and q(u), blended
 * into the current values as stochastic natural-gradient steps (Hoffman, Blei, Wang and Paisley,
 * "Stochastic variational inference", JMLR 14, 2013) when the statistics come from a minibatch.
 *
 * <p>For Gaussian noise the bound is quadratic in each of these blocks given the others.
 * With {@code Q = sum_t (m_t m_t^T + diag(v_t))} and {@code p_n = sum_t m_t (y_tn - d_n)}:
 * <ul>
 * <li>{@code q(c_n)} has precision {@code diag(1 / s^2) + Q / R_n} and precision times mean
 *     {@code p_n / R_n};
 * <li>{@code d_n = sum_t (y_tn - mu_n . m_t) / T};
 * <li>{@code R_n = sum_t E[(y_tn - c_n . x_t - d_n)^2] / T}
 *     {@code = [sum_t (y_tn - d_n)^2 - 2 mu_n . p_n + tr((Sigma_n + mu_n mu_n^T) Q)] / T};
 * <li>with {@code Psi = sum_n E[c_n c_n^T] / R_n} and {@code b_t = sum_n mu_n (y_tn - d_n) / R_n},
 *     {@code q(u_j)} of a segment has precision {@code K_zz^-1 + Psi_jj A_j^T A_j} and precision
 *     times mean {@code A_j^T (b_j - sum_{k != j} Psi_jk mu_k)}, updated latent by latent.
 * </ul>
 * A step of size rho replaces the natural parameters {@code (Lambda, Lambda mu)} by
 * {@code (1 - rho)} times the current plus rho times the closed-form values; rho = 1 is exact
 * coordinate ascent and never lowers the bound.
 *
 * <p>Only the minibatch statistics are averaged in q(c_n). Its precision is
 * {@code diag(1 / s^2) + Lambda_data}, and a step replaces {@code Lambda_data} by
 * {@code (1 - rho) Lambda_data + rho S/B Q / R_n} while the prior part always takes the current
 * ARD scales. The prior is not a minibatch estimate, and blending it as well would make q(c_n)
 * see scales about {@code 1 / rho} iterations old, which slows ARD pruning. Each neuron's
 * {@code 1 / s^2} of its last update is kept to split its precision into the two parts.
 */
final class ConjugateGaussianUpdates {

    private final int latents;
    private final int neurons;
    private final double[] gram;
    private final double[] latentSum;
    private final double[][] cross;
    private final double[] activitySum;
    private final double[] activitySquares;
    /** Per neuron, the ARD prior precisions {@code 1 / s_j^2} that its stored q(c_n) precision contains. */
    private final double[][] priorPrecisions;
    private double bins;

    /**
     * Allocates the sufficient statistics.
     *
     * @param latents D
     * @param neurons N
     */
    ConjugateGaussianUpdates(int latents, int neurons) {
        this.latents = latents;
        this.neurons = neurons;
        gram = new double[latents * latents];
        latentSum = new double[latents];
        cross = new double[neurons][latents];
        activitySum = new double[neurons];
        activitySquares = new double[neurons];
        priorPrecisions = new double[neurons][latents];
    }

    /**
     * Records the ARD prior that the starting q(c_n) of every neuron contains, so that the first
     * update can take it out of the stored precision.
     *
     * @param scales the starting ARD prior variances {@code s_j^2}
     */
    void startPrior(double[] scales) {
        for (double[] precisions : priorPrecisions) {
            for (int j = 0; j < latents; j++) {
                precisions[j] = 1 / scales[j];
            }
        }
    }

    /** Clears the statistics of the included neurons and the shared ones. */
    void clear(int[] included) {
        java.util.Arrays.fill(gram, 0);
        java.util.Arrays.fill(latentSum, 0);
        bins = 0;
        for (int n : included) {
            java.util.Arrays.fill(cross[n], 0);
            activitySum[n] = 0;
            activitySquares[n] = 0;
        }
    }

    /**
     * Adds one segment's statistics: {@code Q}, {@code sum_t m_t}, {@code sum_t m_t y_tn},
     * {@code sum_t y_tn} and {@code sum_t y_tn^2} of the included neurons.
     *
     * @param marginals the segment's latent marginals
     * @param activity the segment's activity, {@code T x N} row-major
     * @param included the neurons of the minibatch
     */
    void add(InducingLatents marginals, double[] activity, int[] included) {
        double[] m = marginals.means().data;
        double[] v = marginals.variances().data;
        int count = marginals.means().numRows;
        int d = latents;
        bins += count;
        for (int t = 0; t < count; t++) {
            int base = t * d;
            for (int i = 0; i < d; i++) {
                double mi = m[base + i];
                latentSum[i] += mi;
                for (int k = 0; k < d; k++) {
                    gram[i * d + k] += mi * m[base + k];
                }
                gram[i * d + i] += v[base + i];
            }
            for (int n : included) {
                double y = activity[t * neurons + n];
                activitySum[n] += y;
                activitySquares[n] += y * y;
                double[] c = cross[n];
                for (int i = 0; i < d; i++) {
                    c[i] += m[base + i] * y;
                }
            }
        }
    }

    /**
     * Updates one neuron's row: q(c_n), then d_n, then R_n, each by a step of size rho towards
     * its closed-form value.
     *
     * @param loadings the row layout and moments
     * @param row the neuron's parameter row, updated in place
     * @param n the neuron
     * @param scales the ARD prior variances {@code s_j^2}
     * @param segmentScale S/B, the weight that scales the minibatch statistics to all segments
     * @param rho the step size, in (0, 1]
     * @param logNoiseFloor the smallest allowed {@code log R_n}
     */
    void updateNeuron(BayesianLoadings loadings, double[] row, int n, double[] scales, double segmentScale,
            double rho, double logNoiseFloor) {
        int d = latents;
        int offset = BayesianLoadings.offsetIndex(d);
        double dn = row[offset];
        double r = Math.exp(row[offset + 1]);
        double[] mu = new double[d];
        double[] sigma = new double[d * d];
        loadings.moments(row, mu, sigma);

        // q(c_n): blend the likelihood part of the natural parameters, add the current prior, then
        // store the Cholesky factor of the covariance
        DMatrixRMaj oldPrecision = new DMatrixRMaj(d, d);
        SpdMatrices.invert(DMatrixRMaj.wrap(d, d, sigma), oldPrecision, "q(c) covariance of neuron " + n);
        DMatrixRMaj precision = new DMatrixRMaj(d, d);
        double[] linear = new double[d];
        double[] oldPrior = priorPrecisions[n];
        for (int i = 0; i < d; i++) {
            double oldLinear = 0;
            for (int k = 0; k < d; k++) {
                oldLinear += oldPrecision.get(i, k) * mu[k];
                double oldData = oldPrecision.get(i, k) - (i == k ? oldPrior[i] : 0);
                double target = segmentScale * gram[i * d + k] / r;
                precision.set(i, k, (1 - rho) * oldData + rho * target + (i == k ? 1 / scales[i] : 0));
            }
            double target = segmentScale * (cross[n][i] - dn * latentSum[i]) / r;
            linear[i] = (1 - rho) * oldLinear + rho * target;
        }
        for (int i = 0; i < d; i++) {
            oldPrior[i] = 1 / scales[i];
        }
        DMatrixRMaj covariance = new DMatrixRMaj(d, d);
        SpdMatrices.invert(precision, covariance, "q(c) precision of neuron " + n);
        for (int i = 0; i < d; i++) {
            double sum = 0;
            for (int k = 0; k < d; k++) {
                sum += covariance.get(i, k) * linear[k];
            }
            mu[i] = sum;
        }
        storeFactor(row, mu, covariance, n);
        System.arraycopy(covariance.data, 0, sigma, 0, d * d);

        // d_n, then R_n, from the minibatch averages
        double projected = 0;
        for (int i = 0; i < d; i++) {
            projected += mu[i] * latentSum[i];
        }
        double offsetTarget = (activitySum[n] - projected) / bins;
        dn = (1 - rho) * dn + rho * offsetTarget;
        row[offset] = dn;
        double squares = activitySquares[n] - 2 * dn * activitySum[n] + bins * dn * dn;
        double linearTerm = 0;
        double trace = 0;
        for (int i = 0; i < d; i++) {
            linearTerm += mu[i] * (cross[n][i] - dn * latentSum[i]);
            for (int k = 0; k < d; k++) {
                trace += (sigma[i * d + k] + mu[i] * mu[k]) * gram[k * d + i];
            }
        }
        double noiseTarget = Math.max((squares - 2 * linearTerm + trace) / bins, Double.MIN_NORMAL);
        double noise = (1 - rho) * r + rho * noiseTarget;
        row[offset + 1] = Math.max(Math.log(noise), logNoiseFloor);
    }

    /** Writes mu and the Cholesky factor of the covariance into a row, diagonal as logarithms. */
    static void storeFactor(double[] row, double[] mu, DMatrixRMaj covariance, int n) {
        int d = mu.length;
        CholeskyDecomposition_F64<DMatrixRMaj> cholesky = DecompositionFactory_DDRM.chol(d, true);
        DMatrixRMaj factor = covariance.copy();
        if (!cholesky.decompose(factor)) {
            throw new io.github.neurodyn.api.SingularEquationException("q(c) covariance of neuron " + n
                    + " is not numerically positive definite; its Cholesky factorisation failed");
        }
        DMatrixRMaj lower = cholesky.getT(null);
        System.arraycopy(mu, 0, row, 0, d);
        int packed = d;
        for (int i = 0; i < d; i++) {
            for (int k = 0; k <= i; k++) {
                row[packed++] = k == i ? Math.log(lower.get(i, i)) : lower.get(i, k);
            }
        }
    }

    /**
     * Updates q(u) of one segment latent by latent, each by a step of size rho towards its
     * closed-form value given q(C), d, R and the other latents.
     *
     * @param marginals the segment's marginals under the current q(u)
     * @param loadings the row layout and moments
     * @param rows the neuron rows
     * @param included the neurons of the minibatch
     * @param neuronScale N/b, the weight that scales the minibatch to all neurons
     * @param activity the segment's activity, {@code T x N} row-major
     * @param means per latent, {@code m_j}, updated in place
     * @param factors per latent, {@code L_j} with {@code S_j = L_j L_j^T}, updated in place
     * @param rho the step size, in (0, 1]
     */
    void updateLatents(InducingLatents marginals, BayesianLoadings loadings, double[][] rows, int[] included,
            double neuronScale, double[] activity, DMatrixRMaj[] means, DMatrixRMaj[] factors, double rho) {
        int d = latents;
        int count = marginals.means().numRows;
        int offset = BayesianLoadings.offsetIndex(d);

        // Psi = sum_n E[c_n c_n^T] / R_n and b_t = sum_n mu_n (y_tn - d_n) / R_n over the minibatch
        double[] psi = new double[d * d];
        DMatrixRMaj b = new DMatrixRMaj(count, d);
        double[] mu = new double[d];
        double[] sigma = new double[d * d];
        for (int n : included) {
            loadings.moments(rows[n], mu, sigma);
            double weight = neuronScale * Math.exp(-rows[n][offset + 1]);
            for (int i = 0; i < d; i++) {
                for (int k = 0; k < d; k++) {
                    psi[i * d + k] += weight * (sigma[i * d + k] + mu[i] * mu[k]);
                }
            }
            for (int t = 0; t < count; t++) {
                double residual = weight * (activity[t * neurons + n] - rows[n][offset]);
                for (int i = 0; i < d; i++) {
                    b.data[t * d + i] += residual * mu[i];
                }
            }
        }

        DMatrixRMaj current = marginals.means().copy();
        for (int j = 0; j < d; j++) {
            DMatrixRMaj gain = marginals.gain(j);
            int m = gain.numCols;

            // target: z_t = b_tj - sum_{k != j} Psi_jk mu_tk, precision K^-1 + Psi_jj A^T A
            DMatrixRMaj z = new DMatrixRMaj(count, 1);
            for (int t = 0; t < count; t++) {
                double value = b.get(t, j);
                for (int k = 0; k < d; k++) {
                    if (k != j) {
                        value -= psi[j * d + k] * current.get(t, k);
                    }
                }
                z.data[t] = value;
            }
            DMatrixRMaj precision = new DMatrixRMaj(m, m);
            CommonOps_DDRM.multTransA(psi[j * d + j], gain, gain, precision);
            CommonOps_DDRM.addEquals(precision, marginals.kernelInverse(j));
            DMatrixRMaj linear = new DMatrixRMaj(m, 1);
            CommonOps_DDRM.multTransA(gain, z, linear);

            // blend with the current natural parameters
            DMatrixRMaj oldCovariance = new DMatrixRMaj(m, m);
            CommonOps_DDRM.multTransB(factors[j], factors[j], oldCovariance);
            DMatrixRMaj oldPrecision = new DMatrixRMaj(m, m);
            SpdMatrices.invert(oldCovariance, oldPrecision, "q(u) covariance of latent " + j);
            DMatrixRMaj oldLinear = new DMatrixRMaj(m, 1);
            CommonOps_DDRM.mult(oldPrecision, means[j], oldLinear);
            CommonOps_DDRM.add(1 - rho, oldPrecision, rho, precision, precision);
            CommonOps_DDRM.add(1 - rho, oldLinear, rho, linear, linear);
            DMatrixRMaj covariance = new DMatrixRMaj(m, m);
            SpdMatrices.invert(precision, covariance, "q(u) precision of latent " + j);
            CommonOps_DDRM.mult(covariance, linear, means[j]);
            CholeskyDecomposition_F64<DMatrixRMaj> cholesky = DecompositionFactory_DDRM.chol(m, true);
            if (!cholesky.decompose(covariance)) {
                throw new io.github.neurodyn.api.SingularEquationException("q(u) covariance of latent " + j
                        + " is not numerically positive definite; its Cholesky factorisation failed");
            }
            factors[j].setTo(cholesky.getT(null));

            // the next latents see the new mean of this one
            for (int t = 0; t < count; t++) {
                double value = 0;
                for (int i = 0; i < m; i++) {
                    value += gain.get(t, i) * means[j].get(i);
                }
                current.set(t, j, value);
            }
        }
    }
}
