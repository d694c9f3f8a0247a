package io.github.neurodyn.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.api.RateNetwork;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed calls of the public {@link Stepper} methods and a vanishing step. A trial index
 * out of range used to raise ArrayIndexOutOfBoundsException; it must raise
 * IllegalArgumentException naming the argument and leave every state unchanged.
 */
class StepperBadInputTest {

    private static final int N = 3;
    private static final int TRIALS = 2;

    private static Stepper stepper() {
        RateNetwork network = RateNetwork.builder().weights(new DMatrixRMaj(N, N)).build();
        return Simulation.of(network).integrator(Integrator.EULER).trials(TRIALS).stepper();
    }

    static Stream<Arguments> cases() {
        Stepper stepper = stepper();
        return Stream.of(
                Arguments.of("negative trial in setState", "trial", (Executable) () -> stepper.setState(-1, new double[N])),
                Arguments.of("trial B in setState", "trial", (Executable) () -> stepper.setState(TRIALS, new double[N])),
                Arguments.of("NaN state", "state",
                        (Executable) () -> stepper.setState(0, new double[] {0, Double.NaN, 0})),
                Arguments.of("short state", "state", (Executable) () -> stepper.setState(0, new double[N - 1])),
                Arguments.of("trial B in copyState", "trial", (Executable) () -> stepper.copyState(TRIALS, new double[N])),
                Arguments.of("null buffer", "out", (Executable) () -> stepper.copyState(0, null)),
                Arguments.of("short buffer", "out", (Executable) () -> stepper.copyState(0, new double[N - 1])));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badCallNamesArgument(String label, String argument, Executable call) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, call, label);

        assertTrue(error.getMessage().startsWith(argument + " "), label + ": " + error.getMessage());
    }

    /** A step below duration / 2^53 made run() loop for about 2^63 steps per sample instead of failing. */
    @Test
    void vanishingStepRaises() {
        RateNetwork network = RateNetwork.builder().weights(new DMatrixRMaj(N, N)).build();
        Simulation simulation = Simulation.of(network).stepSeconds(1e-300).durationSeconds(1.0);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, simulation::run);

        assertTrue(error.getMessage().startsWith("stepSeconds "), error.getMessage());
    }

    @Test
    void rejectedSetStateKeepsStates() {
        Stepper stepper = stepper();
        stepper.setState(1, new double[] {1, 2, 3});

        assertThrows(IllegalArgumentException.class, () -> stepper.setState(1, new double[] {4, Double.NaN, 6}));

        double[] state = new double[N];
        stepper.copyState(1, state);
        assertArrayEquals(new double[] {1, 2, 3}, state, 0.0, "trial 1 after the rejected call");
    }
}
