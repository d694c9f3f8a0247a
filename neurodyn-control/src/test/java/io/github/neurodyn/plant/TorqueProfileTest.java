package io.github.neurodyn.plant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TorqueProfileTest {

    private static final double ROUND_OFF = 1e-12;

    private final double[] shoulder = {0.0, 1.0, 3.0, 6.0};
    private final double[] elbow = {-1.0, -2.0, -3.0, -4.0};
    private final double[] out = new double[2];

    @Test
    void zeroOrderHoldWithinInterval() {
        TorqueProfile profile = new TorqueProfile(0.1, shoulder, elbow, TorqueProfile.Interpolation.ZERO_ORDER_HOLD);
        double[][] expected = {
            {-0.5, 0.0}, {0.0, 0.0}, {0.05, 0.0}, {0.0999, 0.0}, {0.1, 1.0}, {0.25, 3.0}, {0.3, 6.0}, {9.0, 6.0},
        };
        for (double[] row : expected) {
            profile.torqueAt(row[0], out);
            assertEquals(row[1], out[0], 0.0, "shoulder torque at t = " + row[0]);
        }
    }

    @Test
    void zeroOrderHoldSwitchesOnRoundedGridTimes() {
        // 3 * 0.1 = 0.30000000000000004 and 0.3 / 0.1 = 2.9999999999999996 must both select sample 3
        TorqueProfile profile = new TorqueProfile(0.1, shoulder, elbow, TorqueProfile.Interpolation.ZERO_ORDER_HOLD);
        double[] times = {3 * 0.1, 0.3, 2 * 0.1, 0.2};
        double[] samples = {6.0, 6.0, 3.0, 3.0};
        for (int i = 0; i < times.length; i++) {
            profile.torqueAt(times[i], out);
            assertEquals(samples[i], out[0], 0.0, "shoulder torque at t = " + times[i]);
        }
    }

    @Test
    void linearInterpolatesBetweenSamples() {
        TorqueProfile profile = new TorqueProfile(0.1, shoulder, elbow, TorqueProfile.Interpolation.LINEAR);
        profile.torqueAt(0.15, out);
        assertEquals(2.0, out[0], ROUND_OFF, "shoulder torque midway between samples 1 and 2");
        assertEquals(-2.5, out[1], ROUND_OFF, "elbow torque midway between samples 1 and 2");
        profile.torqueAt(0.3, out);
        assertEquals(6.0, out[0], ROUND_OFF, "shoulder torque at the last grid point");
        profile.torqueAt(-1.0, out);
        assertEquals(0.0, out[0], 0.0, "shoulder torque before the grid");
    }

    @Test
    void samplesAreCopied() {
        double[] source = {1.0, 2.0};
        TorqueProfile profile = new TorqueProfile(0.5, source, source.clone(), TorqueProfile.Interpolation.LINEAR);
        source[0] = 99.0;
        profile.shoulder()[1] = 99.0;
        assertArrayEquals(new double[] {1.0, 2.0}, profile.shoulder(), 0.0, "stored shoulder torques");
        assertEquals(0.5, profile.durationSeconds(), 0.0, "duration");
        assertEquals(2, profile.samples(), "samples");
    }
}
