package io.github.neurodyn.movement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.plant.Reach;
import io.github.neurodyn.plant.ReachTargets;
import io.github.neurodyn.plant.TwoLinkArm;
import io.github.neurodyn.spectral.SocPresets;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MovementFitterTest {

    private static final int NEURONS = 50;
    private static final int EXCITATORY = NEURONS / 2;
    private static final double TAU = 0.15;
    private static final double INTERVAL = 0.001;
    /** Torque R^2 a 50-neuron network reaches in 15 iterations (measured 0.978 with seed 1). */
    private static final double SMALL_NETWORK_R2 = 0.95;
    /** Mean end-point error of the 50-neuron chain (measured 1.1 cm with seed 1), in m. */
    private static final double SMALL_NETWORK_ENDPOINT = 0.03;
    /** Round-off bound for C r = 0, relative to the largest target torque. */
    private static final double CONSTRAINT_ROUND_OFF = 1e-12;
    private static final double ROUND_OFF = 1e-9;

    private final TwoLinkArm arm = TwoLinkArm.withDefaults();
    private SpontaneousNetwork network;
    private List<Reach> reaches;
    private List<DMatrixRMaj> targets;
    private MovementFit fit;

    @BeforeAll
    void fitSmallNetwork() {
        DMatrixRMaj weights = SocPresets.hennequin2014(NEURONS, 1).build().run().weights();
        network = SpontaneousNetwork.around(weights, EXCITATORY, TAU, 1);
        reaches = ReachTargets.DEFAULT.reaches(arm);
        targets = reaches.stream().map(Reach::torques).toList();
        fit = MovementFitter.builder(network, targets, INTERVAL).build().fit();
    }

    @Test
    void smallNetworkFitsTorques() {
        assertTrue(fit.r2() > SMALL_NETWORK_R2, "torque R^2 " + fit.r2());
        assertEquals(targets.size(), fit.relativeErrors().length, "one error per movement");
    }

    @Test
    void readoutMapsRestAndPreparedStatesToZero() {
        DMatrixRMaj readout = fit.readout();
        double largest = 0;
        for (DMatrixRMaj target : targets) {
            largest = Math.max(largest, CommonOps_DDRM.elementMaxAbs(target));
        }
        assertEquals(0.0, maxAbsOutput(readout, network.spontaneousState()) / largest, CONSTRAINT_ROUND_OFF,
                "C r_spont");
        for (int i = 0; i < fit.movements(); i++) {
            assertEquals(0.0, maxAbsOutput(readout, fit.initialState(i)) / largest, CONSTRAINT_ROUND_OFF,
                    "C r(x0) of movement " + i);
        }
        assertTrue(fit.maxConstraintViolation() < CONSTRAINT_ROUND_OFF, "reported violation");
    }

    @Test
    void preparedDeviationsHaveFixedNormInDirectionSpan() {
        double rho = MovementFitter.DEFAULT_DEVIATION_PER_NEURON * Math.sqrt(NEURONS);
        double[] spontaneous = network.spontaneousState();
        DMatrixRMaj v = fit.directions().directions();
        for (int i = 0; i < fit.movements(); i++) {
            double[] x0 = fit.initialState(i);
            DMatrixRMaj deviation = new DMatrixRMaj(NEURONS, 1);
            for (int r = 0; r < NEURONS; r++) {
                deviation.set(r, 0, x0[r] - spontaneous[r]);
            }
            assertEquals(rho, Math.sqrt(CommonOps_DDRM.dot(deviation, deviation)), ROUND_OFF * rho,
                    "deviation norm of movement " + i);
            DMatrixRMaj coefficients = new DMatrixRMaj(v.numCols, 1);
            CommonOps_DDRM.multTransA(v, deviation, coefficients);
            DMatrixRMaj inSpan = new DMatrixRMaj(NEURONS, 1);
            CommonOps_DDRM.mult(v, coefficients, inSpan);
            CommonOps_DDRM.subtractEquals(inSpan, deviation);
            assertEquals(0.0, CommonOps_DDRM.elementMaxAbs(inSpan), ROUND_OFF * rho,
                    "deviation outside the direction span, movement " + i);
        }
    }

    @Test
    void spontaneousStateIsFixedPoint() {
        DMatrixRMaj w = network.network().weights();
        double[] x = network.spontaneousState();
        double[] h = network.network().bias();
        for (int i = 0; i < NEURONS; i++) {
            double drift = -x[i] + h[i];
            for (int j = 0; j < NEURONS; j++) {
                drift += w.get(i, j) * Math.max(x[j], 0);
            }
            assertEquals(0.0, drift, ROUND_OFF, "drift at neuron " + i);
        }
    }

    @Test
    void chainReachesNearTargets() {
        ReachOutcome outcome = ReachChain.run(network, fit, arm, reaches);
        assertEquals(fit.r2(), outcome.torqueR2(), ROUND_OFF, "chain torques equal the fitted torques");
        assertTrue(outcome.meanEndpointErrorMeters() < SMALL_NETWORK_ENDPOINT,
                "mean end-point error " + outcome.meanEndpointErrorMeters() + " m");
        assertTrue(outcome.maxEndpointErrorMeters() >= outcome.meanEndpointErrorMeters(), "max >= mean");
        assertEquals(reaches.size(), outcome.trajectories().size(), "one arm trajectory per reach");
    }

    @Test
    void badInputIsRejected() {
        List<DMatrixRMaj> mismatched = new ArrayList<>(targets);
        mismatched.set(3, new DMatrixRMaj(10, 2));
        List<DMatrixRMaj> nonFinite = new ArrayList<>(targets);
        DMatrixRMaj withNaN = targets.get(0).copy();
        withNaN.set(5, 1, Double.NaN);
        nonFinite.set(0, withNaN);
        List<DMatrixRMaj> tooMany = new ArrayList<>();
        for (int i = 0; i < EXCITATORY; i++) {
            tooMany.add(targets.get(0));
        }
        List<Executable> cases = List.of(
                () -> MovementFitter.builder(null, targets, INTERVAL).build(),
                () -> MovementFitter.builder(network, null, INTERVAL).build(),
                () -> MovementFitter.builder(network, List.of(), INTERVAL).build(),
                () -> MovementFitter.builder(network, mismatched, INTERVAL).build(),
                () -> MovementFitter.builder(network, nonFinite, INTERVAL).build(),
                () -> MovementFitter.builder(network, targets, 0.0).build(),
                () -> MovementFitter.builder(network, targets, INTERVAL).directions(NEURONS + 1).build(),
                () -> MovementFitter.builder(network, targets, INTERVAL).directions(0).build(),
                () -> MovementFitter.builder(network, targets, INTERVAL).deviationNorm(0).build(),
                () -> MovementFitter.builder(network, targets, INTERVAL).ridge(0).build(),
                () -> MovementFitter.builder(network, targets, INTERVAL).iterations(0).build(),
                () -> MovementFitter.builder(network, targets, INTERVAL).stepSeconds(-1e-3).build(),
                () -> MovementFitter.builder(network, tooMany, INTERVAL).build(),
                () -> ReachChain.run(network, fit, arm, reaches.subList(0, 3)),
                () -> ReachChain.run(network, fit, arm, reaches, 0.0),
                () -> SpontaneousNetwork.at(network.network().weights(), EXCITATORY, TAU, new double[NEURONS]),
                () -> SpontaneousNetwork.around(new DMatrixRMaj(3, 4), 1, TAU, 1));
        for (int i = 0; i < cases.size(); i++) {
            assertThrows(IllegalArgumentException.class, cases.get(i), "bad-input case " + i);
        }
    }

    private double maxAbsOutput(DMatrixRMaj readout, double[] state) {
        double max = 0;
        for (int o = 0; o < readout.numRows; o++) {
            double value = 0;
            for (int c = 0; c < EXCITATORY; c++) {
                value += readout.get(o, c) * Math.max(state[c], 0);
            }
            max = Math.max(max, Math.abs(value));
        }
        return max;
    }
}
