package io.github.neurodyn.plasticity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.api.RateNetwork;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class ParadoxicalProbeTest {

    /** Euler with dt = 1 ms leaves no bias at a fixed point; the tolerance covers the settling. */
    private static final double RATE_TOLERANCE = 1e-6;

    private static RateNetwork twoPopulations(double inhibitoryGain) {
        DMatrixRMaj w = new DMatrixRMaj(new double[][] {{2.0, -inhibitoryGain}, {2.0, -inhibitoryGain}});
        return RateNetwork.builder().weights(w).build();
    }

    @Test
    void isnRespondsParadoxically() {
        // Fixed points: r_E = r_I = 1 under u = (2, 2); r_E = 0.25, r_I = 0.75 with 0.5 more on I.
        ParadoxicalResponse response = ParadoxicalProbe.of(twoPopulations(3.0), 1)
                .baseInput(new double[] {2, 2}).extraInhibitoryInput(0.5).settleSeconds(4).measure();

        assertEquals(1.0, response.baselineInhibitoryRate(), RATE_TOLERANCE);
        assertEquals(0.75, response.perturbedInhibitoryRate(), RATE_TOLERANCE);
        assertEquals(0.25, response.perturbedExcitatoryRate(), RATE_TOLERANCE);
        assertTrue(response.paradoxical());
    }

    @Test
    void weakExcitationRespondsNormally() {
        DMatrixRMaj w = new DMatrixRMaj(new double[][] {{0.5, -1.0}, {1.0, -1.0}});
        RateNetwork network = RateNetwork.builder().weights(w).build();

        ParadoxicalResponse response = ParadoxicalProbe.of(network, 1)
                .baseInput(new double[] {2, 2}).settleSeconds(4).measure();

        assertTrue(response.inhibitoryRateChange() > 0, "inhibitory rate change " + response.inhibitoryRateChange());
        assertFalse(response.paradoxical());
    }

    @Test
    void badInputRejected() {
        RateNetwork network = twoPopulations(3.0);
        Runnable[] cases = {
            () -> ParadoxicalProbe.of(null, 1),
            () -> ParadoxicalProbe.of(network, 0),
            () -> ParadoxicalProbe.of(network, 2),
            () -> ParadoxicalProbe.of(network, 1).extraInhibitoryInput(0).measure(),
            () -> ParadoxicalProbe.of(network, 1).baseInput(new double[3]).measure(),
            () -> ParadoxicalProbe.of(network, 1).averageSeconds(0).measure(),
            () -> ParadoxicalProbe.of(network, 1).stepSeconds(-1).measure(),
        };
        for (int k = 0; k < cases.length; k++) {
            assertThrows(IllegalArgumentException.class, cases[k]::run, "case " + k);
        }
    }
}
