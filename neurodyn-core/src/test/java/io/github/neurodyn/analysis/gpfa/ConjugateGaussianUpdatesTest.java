package io.github.neurodyn.analysis.gpfa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Checks the stochastic natural-gradient step of q(c_n). The minibatch part of its precision is
 * blended with step rho while the ARD prior part takes the current scales in full.
 */
class ConjugateGaussianUpdatesTest {

    /** Allowed difference of a precision entry, relative to the largest entry. */
    private static final double TOLERANCE = 1e-10;

    private static final double[] TIMES_MS = {0, 20, 40, 60, 80, 100, 140};
    private static final double[][] INDUCING_MS = {{10, 70, 130}, {10, 70, 130}};
    private static final int NEURONS = 5;
    private static final int LATENTS = 2;
    private static final int[] BATCH = {0, 1, 2, 3, 4};
    /** S/B of a minibatch of one segment out of four. */
    private static final double SEGMENT_SCALE = 4;
    private static final double RHO = 0.3;
    private static final double[] OLD_SCALES = {0.8, 0.3};
    /** New ARD scales, the second one shrunk by 3 orders of magnitude as when ARD prunes it. */
    private static final double[] NEW_SCALES = {0.9, 3e-4};
    private static final int NEURON = 2;

    private InducingLatents marginals;
    private DMatrixRMaj y;
    private BayesianLoadings loadings;
    private double[] row;

    @BeforeEach
    void randomInstance() {
        Random random = new Random(17);
        GpfaParameters parameters = ExactGpfaTest.randomParameters(random);
        y = ExactGpfaTest.randomActivity(random, TIMES_MS.length);
        DMatrixRMaj[] means = new DMatrixRMaj[LATENTS];
        DMatrixRMaj[] factors = new DMatrixRMaj[LATENTS];
        GradientChecks.randomInducing(random, INDUCING_MS, means, factors);
        marginals = new InducingLatents(parameters, TIMES_MS, INDUCING_MS, means, factors);
        loadings = new BayesianLoadings(LATENTS, TIMES_MS.length, GaussianPredictorLikelihood.INSTANCE);
        row = new double[BayesianLoadings.rowLength(LATENTS, GaussianPredictorLikelihood.INSTANCE)];
        for (int i = 0; i < row.length; i++) {
            row[i] = 0.5 * random.nextGaussian();
        }
    }

    @Test
    void stepBlendsOnlyLikelihoodPrecision() {
        DMatrixRMaj oldPrecision = precision(row);
        DMatrixRMaj target = precision(updated(1, OLD_SCALES));
        DMatrixRMaj stepped = precision(updated(RHO, OLD_SCALES));

        // (1 - rho) (P_old - diag(1/s_old^2)) + rho (P_target - diag(1/s_new^2)) + diag(1/s_new^2)
        DMatrixRMaj expected = new DMatrixRMaj(LATENTS, LATENTS);
        CommonOps_DDRM.add(1 - RHO, oldPrecision, RHO, target, expected);
        for (int j = 0; j < LATENTS; j++) {
            expected.add(j, j, (1 - RHO) * (1 / NEW_SCALES[j] - 1 / OLD_SCALES[j]));
        }
        double size = CommonOps_DDRM.elementMaxAbs(expected);
        for (int i = 0; i < LATENTS; i++) {
            for (int k = 0; k < LATENTS; k++) {
                assertEquals(expected.get(i, k), stepped.get(i, k), TOLERANCE * size,
                        "precision entry (" + i + ", " + k + ")");
            }
        }
    }

    @Test
    void fullStepIgnoresOldPrior() {
        DMatrixRMaj fromOld = precision(updated(1, OLD_SCALES));
        DMatrixRMaj fromNew = precision(updated(1, NEW_SCALES));
        double size = CommonOps_DDRM.elementMaxAbs(fromNew);
        for (int i = 0; i < LATENTS; i++) {
            for (int k = 0; k < LATENTS; k++) {
                assertEquals(fromNew.get(i, k), fromOld.get(i, k), TOLERANCE * size,
                        "precision entry (" + i + ", " + k + ")");
            }
        }
    }

    /**
     * Returns a copy of the row after one update to {@link #NEW_SCALES} with step rho, from a
     * q(c_n) whose precision contains the prior of {@code startScales}.
     */
    private double[] updated(double rho, double[] startScales) {
        ConjugateGaussianUpdates updates = new ConjugateGaussianUpdates(LATENTS, NEURONS);
        updates.startPrior(startScales);
        updates.clear(BATCH);
        updates.add(marginals, y.data, BATCH);
        double[] copy = row.clone();
        updates.updateNeuron(loadings, copy, NEURON, NEW_SCALES, SEGMENT_SCALE, rho, -50);
        return copy;
    }

    /** Returns the precision of q(c_n) stored in a row. */
    private DMatrixRMaj precision(double[] parameters) {
        double[] mean = new double[LATENTS];
        DMatrixRMaj covariance = new DMatrixRMaj(LATENTS, LATENTS);
        loadings.moments(parameters, mean, covariance.data);
        DMatrixRMaj inverse = new DMatrixRMaj(LATENTS, LATENTS);
        CommonOps_DDRM.invert(covariance, inverse);
        return inverse;
    }
}
