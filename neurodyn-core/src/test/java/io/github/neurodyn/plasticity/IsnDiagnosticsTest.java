package io.github.neurodyn.plasticity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.api.Nonlinearity;
import io.github.neurodyn.api.RateNetwork;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class IsnDiagnosticsTest {

    private static final double TOLERANCE = 1e-12;

    /** Population matrix with excitatory gain 2 and inhibitory gain 3: eigenvalues 0 and -1. */
    private static DMatrixRMaj balanced() {
        return new DMatrixRMaj(new double[][] {{2.0, -3.0}, {2.0, -3.0}});
    }

    @Test
    void twoPopulationIsnByHand() {
        IsnDiagnostics d = InhibitionStabilisation.analyse(balanced(), Nonlinearity.relu(), new double[] {1, 1}, 1);

        assertEquals(0.0, d.abscissa(), TOLERANCE);
        assertEquals(2.0, d.excitatoryAbscissa(), TOLERANCE);
        assertEquals(-1.0, d.jacobianAbscissa(), TOLERANCE);
        assertTrue(d.inhibitionStabilised());
        assertEquals(1.0, d.activeFraction(), 0.0);
    }

    @Test
    void silentNeuronsHaveNoGain() {
        IsnDiagnostics d = InhibitionStabilisation.analyse(balanced(), Nonlinearity.relu(), new double[] {1, -1}, 1);

        // Inhibitory gain 0: W diag(1, 0) = [[2, 0], [2, 0]], eigenvalues 2 and 0.
        assertEquals(2.0, d.abscissa(), TOLERANCE);
        assertFalse(d.stable());
        assertEquals(0.5, d.activeFraction(), 0.0);
    }

    @Test
    void jacobianMatchesRateNetworkLinearisation() {
        DMatrixRMaj w = new DMatrixRMaj(new double[][] {{0.5, -1.2, 0.0}, {0.3, 0.0, -0.4}, {0.9, -0.2, -0.1}});
        double[] x = {0.3, -0.2, 1.1};
        Nonlinearity phi = Nonlinearity.tanh();
        RateNetwork network = RateNetwork.builder().weights(w).timeConstant(1.0).nonlinearity(phi).build();

        DMatrixRMaj j = InhibitionStabilisation.jacobian(w, phi, x);
        DMatrixRMaj a = network.linearisation(x);

        for (int k = 0; k < 9; k++) {
            assertEquals(a.data[k], j.data[k], TOLERANCE, "entry " + k);
        }
    }

    @Test
    void badInputRejected() {
        DMatrixRMaj w = balanced();
        Nonlinearity relu = Nonlinearity.relu();
        Runnable[] cases = {
            () -> InhibitionStabilisation.analyse(null, relu, new double[2], 1),
            () -> InhibitionStabilisation.analyse(w, null, new double[2], 1),
            () -> InhibitionStabilisation.analyse(w, relu, new double[3], 1),
            () -> InhibitionStabilisation.analyse(w, relu, new double[] {Double.NaN, 0}, 1),
            () -> InhibitionStabilisation.analyse(w, relu, new double[2], 0),
            () -> InhibitionStabilisation.analyse(w, relu, new double[2], 3),
            () -> InhibitionStabilisation.jacobian(new DMatrixRMaj(2, 3), relu, new double[2]),
        };
        for (int k = 0; k < cases.length; k++) {
            assertThrows(IllegalArgumentException.class, cases[k]::run, "case " + k);
        }
    }
}
