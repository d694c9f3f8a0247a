package io.github.neurodyn.plasticity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.api.InputSignal;
import io.github.neurodyn.api.RateNetwork;
import io.github.neurodyn.network.Connectivity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PlasticityTrainingTest {

    private static final int NEURONS = 100;
    /** Relative deviation of the mean excitatory rate from rho0 accepted after training. */
    private static final double RATE_TOLERANCE = 0.1;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void learningStabilisesSmallNetwork(long seed) {
        Connectivity start = IspPresets.startNetwork(NEURONS, seed);
        RateNetwork network = IspPresets.network(start);
        TrainingResult result = PlasticityTraining.of(network, IspPresets.rule(start).build())
                .input(InputSignal.constant(IspPresets.input(NEURONS))).noise(IspPresets.noise()).seed(seed)
                .durationSeconds(12).reportEverySeconds(1).run();
        int excitatory = start.excitatoryCount();

        IsnDiagnostics before = InhibitionStabilisation.analyse(result.initialWeights(), network.nonlinearity(),
                result.firstWindow().meanState(), excitatory);
        IsnDiagnostics after = InhibitionStabilisation.analyse(result.finalWeights(), network.nonlinearity(),
                result.lastWindow().meanState(), excitatory);
        // The noise makes a one-second mean fluctuate, so the rate is averaged over the last 6 s.
        double lateRate = result.history().subList(6, 12).stream()
                .mapToDouble(TrainingReport::meanExcitatoryRate).average().orElseThrow();
        double rateError = Math.abs(lateRate / IspPresets.TARGET_RATE - 1);

        assertTrue(before.abscissa() > 1, "start abscissa " + before.abscissa());
        assertTrue(after.abscissa() < 1, "final abscissa " + after.abscissa());
        assertTrue(after.excitatoryAbscissa() > 1, "final excitatory abscissa " + after.excitatoryAbscissa());
        assertTrue(rateError < RATE_TOLERANCE, "mean excitatory rate error " + rateError);
    }

    @Test
    void snapshotsAndListenerStop() {
        Connectivity start = IspPresets.startNetwork(40, 1);
        int[] reports = new int[1];
        TrainingResult result = PlasticityTraining.of(IspPresets.network(start), IspPresets.rule(start).build())
                .input(InputSignal.constant(IspPresets.input(40)))
                .durationSeconds(5).reportEverySeconds(0.25).snapshotTimes(0.5, 0, 0.1)
                .listener(report -> ++reports[0] < 4)
                .run();

        assertTrue(result.stoppedByListener());
        assertEquals(4, result.history().size());
        assertEquals(1.0, result.learningSeconds(), 1e-9);
        assertEquals(3, result.snapshots().size());
        assertEquals(0.0, result.snapshots().get(0).timeSeconds(), 0.0);
        assertEquals(0.1, result.snapshots().get(1).timeSeconds(), 1e-9);
        assertEquals(start.weights().get(0, 39), result.snapshots().get(0).weights().get(0, 39), 0.0);
        assertEquals(0.5, result.snapshots().get(2).timeSeconds(), 1e-9);
    }

    @Test
    void updateIntervalDoesNotChangeRate() {
        Connectivity start = IspPresets.startNetwork(40, 2);
        RateNetwork network = IspPresets.network(start);
        double[] u = IspPresets.input(40);
        TrainingResult everyStep = PlasticityTraining.of(network, IspPresets.rule(start).build())
                .input(InputSignal.constant(u)).durationSeconds(0.5).run();
        TrainingResult everyTenth = PlasticityTraining.of(network, IspPresets.rule(start).build())
                .input(InputSignal.constant(u)).durationSeconds(0.5).updateEverySteps(10).run();

        double change = distance(start.weights().data, everyStep.finalWeights().data);
        double difference = distance(everyStep.finalWeights().data, everyTenth.finalWeights().data);
        assertTrue(change > 0.1, "weights changed by " + change);
        assertTrue(difference < 0.05 * change, "k = 1 and k = 10 differ by " + difference + " of " + change);
    }

    @Test
    void badSettingsRejected() {
        Connectivity start = IspPresets.startNetwork(20, 1);
        RateNetwork network = IspPresets.network(start);
        InhibitoryPlasticity rule = IspPresets.rule(start).build();
        Connectivity other = IspPresets.startNetwork(30, 1);
        Runnable[] cases = {
            () -> PlasticityTraining.of(null, rule),
            () -> PlasticityTraining.of(network, null),
            () -> PlasticityTraining.of(IspPresets.network(other), rule),
            () -> PlasticityTraining.of(network, rule).durationSeconds(0).run(),
            () -> PlasticityTraining.of(network, rule).stepSeconds(Double.NaN).run(),
            () -> PlasticityTraining.of(network, rule).updateEverySteps(0).run(),
            () -> PlasticityTraining.of(network, rule).reportEverySeconds(-1).run(),
            () -> PlasticityTraining.of(network, rule).snapshotTimes(-1).run(),
            () -> PlasticityTraining.of(network, rule).listener(null).run(),
            () -> PlasticityTraining.of(network, rule).integrator(io.github.neurodyn.dynamics.Integrator.DORMAND_PRINCE).run(),
            () -> PlasticityTraining.of(network, rule).input(InputSignal.constant(new double[3])).run(),
        };
        for (int k = 0; k < cases.length; k++) {
            assertThrows(IllegalArgumentException.class, cases[k]::run, "case " + k);
        }
    }

    private static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            sum += (a[k] - b[k]) * (a[k] - b[k]);
        }
        return Math.sqrt(sum);
    }
}
