package io.github.neurodyn.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class EvokedEnergyTest {

    private static final double TOLERANCE = 1e-10;
    private static final double TAU_SECONDS = 0.15;

    @Test
    void uncoupledUnitsHaveUnitAmplification() {
        EnergySpectrum spectrum = EvokedEnergy.of(new DMatrixRMaj(4, 4), TAU_SECONDS);
        for (double value : spectrum.amplification()) {
            assertEquals(1.0, value, TOLERANCE);
        }
    }

    @Test
    void selfExcitationScalesAmplification() {
        // W = c I gives x(t) = exp(-(1 - c) t / tau) x0, energy tau / (2 (1 - c)).
        double c = 0.6;
        DMatrixRMaj w = CommonOps_DDRM.identity(3);
        CommonOps_DDRM.scale(c, w);
        EnergySpectrum spectrum = EvokedEnergy.of(w, TAU_SECONDS);
        assertEquals(1.0 / (1.0 - c), spectrum.amplification()[0], TOLERANCE);
    }

    @Test
    void feedforwardChainAmplifies() {
        // W = [[0, 0], [k, 0]]: the top energy exceeds the leaky-unit energy.
        DMatrixRMaj w = new DMatrixRMaj(new double[][] {{0, 0}, {8, 0}});
        EnergySpectrum spectrum = EvokedEnergy.of(w, TAU_SECONDS);
        double[] amplification = spectrum.amplification();
        assertTrue(amplification[0] > amplification[1], "not sorted descending");
        // Q1 = [[1/2 + k^2/4, k/4], [k/4, 1/2]]; largest eigenvalue times 2.
        double a = 0.5 + 16.0;
        double d = 0.5;
        double b = 2.0;
        double top = 0.5 * (a + d) + Math.sqrt(0.25 * (a - d) * (a - d) + b * b);
        assertEquals(2.0 * top, amplification[0], 1e-8);
        assertEquals(1, spectrum.countAbove(10.0));
    }

    @Test
    void rejectsUnstableNetwork() {
        DMatrixRMaj w = CommonOps_DDRM.identity(2);
        CommonOps_DDRM.scale(1.5, w);
        assertThrows(IllegalArgumentException.class, () -> EvokedEnergy.of(w, TAU_SECONDS));
    }
}
