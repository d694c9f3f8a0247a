package io.github.neurodyn.loop;

import io.github.neurodyn.api.Nonlinearity;
import io.github.neurodyn.api.RateNetwork;
import io.github.neurodyn.preparation.Preparation;
import io.github.neurodyn.preparation.ProspectiveCost;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/**
 * A seeded linear test problem for the loop: a random stable network with identity
 * nonlinearity (tau = 0.15 s, weights of spectral radius about 0.6), a random prepared state,
 * a random start and Q_C from a random 2 x N readout.
 *
 * @param preparation the preparation toward the random prepared state
 * @param start the state at the start of the window
 */
record LinearLoopCase(Preparation preparation, double[] start) {

    static final double TAU = 0.15;

    static LinearLoopCase of(int n, long seed) {
        Random random = new Random(seed);
        DMatrixRMaj w = new DMatrixRMaj(n, n);
        for (int k = 0; k < n * n; k++) {
            w.data[k] = 0.6 * random.nextGaussian() / Math.sqrt(n);
        }
        RateNetwork network = RateNetwork.builder().weights(w).timeConstant(TAU)
                .nonlinearity(Nonlinearity.identity()).build();
        double[] xStar = new double[n];
        double[] start = new double[n];
        for (int i = 0; i < n; i++) {
            xStar[i] = random.nextGaussian();
            start[i] = random.nextGaussian();
        }
        DMatrixRMaj c = new DMatrixRMaj(2, n);
        for (int k = 0; k < 2 * n; k++) {
            c.data[k] = random.nextGaussian();
        }
        ProspectiveCost cost = ProspectiveCost.of(network.linearisation(xStar), c);
        Preparation preparation = Preparation.builder().network(network).preparedState(xStar).cost(cost).build();
        return new LinearLoopCase(preparation, start);
    }
}
