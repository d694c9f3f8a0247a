package io.github.neurodyn.dynamics;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.api.InputSignal;
import io.github.neurodyn.api.RateNetwork;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each malformed setting raises IllegalArgumentException naming the setting. */
class SimulationArgumentsTest {

    private static final int N = 3;

    private static Arguments bad(String name, String expectedInMessage, UnaryOperator<Simulation> setting) {
        return Arguments.of(name, expectedInMessage, setting);
    }

    static Stream<Arguments> malformedSettings() {
        return Stream.of(
                bad("zero step", "stepSeconds", s -> s.stepSeconds(0)),
                bad("negative step", "stepSeconds", s -> s.stepSeconds(-1e-3)),
                bad("NaN step", "stepSeconds", s -> s.stepSeconds(Double.NaN)),
                bad("negative duration", "durationSeconds", s -> s.durationSeconds(-1)),
                bad("infinite duration", "durationSeconds", s -> s.durationSeconds(Double.POSITIVE_INFINITY)),
                bad("zero sample interval", "sampleEverySeconds", s -> s.sampleEverySeconds(0)),
                bad("no trials", "trials", s -> s.trials(0)),
                bad("negative first trial", "firstTrial", s -> s.firstTrial(-1)),
                bad("zero bound", "maxAbsState", s -> s.maxAbsState(0)),
                bad("zero absolute tolerance", "absoluteTolerance", s -> s.absoluteTolerance(0)),
                bad("NaN relative tolerance", "relativeTolerance", s -> s.relativeTolerance(Double.NaN)),
                bad("null integrator", "integrator", s -> s.integrator(null)),
                bad("short initial state", "initialState", s -> s.initialState(new double[N - 1])),
                bad("NaN initial state", "initialState", s -> s.initialState(new double[] {0, Double.NaN, 0})),
                bad("initial states for other batch", "initialStates",
                        s -> s.trials(2).initialStates(new DMatrixRMaj(N, 3))),
                bad("input of other dimension", "input", s -> s.input(InputSignal.zero(N + 1))),
                bad("noise with adaptive integrator", "noise",
                        s -> s.integrator(Integrator.DORMAND_PRINCE)
                                .noise(OrnsteinUhlenbeckNoise.independent(0.01, 1))),
                bad("mixing with wrong rows", "mixing",
                        s -> s.noise(OrnsteinUhlenbeckNoise.mixed(0.01, 1, new DMatrixRMaj(N + 1, 2)))),
                bad("hook every zero steps", "hookEverySteps", s -> s.hook(c -> { }, 0)),
                bad("exact propagation of nonlinear network", "identity",
                        s -> s.integrator(Integrator.EXACT_LINEAR)),
                bad("exact propagation with hook", "hooks", s -> s.integrator(Integrator.EXACT_LINEAR)
                        .hook(c -> { })),
                bad("adaptive hook on batch", "trials",
                        s -> s.integrator(Integrator.DORMAND_PRINCE).trials(2).hook(c -> { })));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedSettings")
    void malformedSettingRaises(String name, String expectedInMessage, UnaryOperator<Simulation> setting) {
        RateNetwork network = RateNetwork.builder().weights(new DMatrixRMaj(N, N)).build();
        Simulation simulation = setting.apply(Simulation.of(network));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, simulation::run);
        assertTrue(error.getMessage().contains(expectedInMessage), "message: " + error.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedSettings")
    void malformedSettingRaisesForStepper(String name, String expectedInMessage, UnaryOperator<Simulation> setting) {
        RateNetwork network = RateNetwork.builder().weights(new DMatrixRMaj(N, N)).build();
        Simulation simulation = setting.apply(Simulation.of(network));
        assertThrows(IllegalArgumentException.class, simulation::stepper);
    }

    static Stream<Arguments> malformedNoise() {
        return Stream.of(
                Arguments.of("zero time constant", (Runnable) () -> OrnsteinUhlenbeckNoise.independent(0, 1)),
                Arguments.of("negative amplitude", (Runnable) () -> OrnsteinUhlenbeckNoise.independent(0.1, -1)),
                Arguments.of("NaN amplitude", (Runnable) () -> OrnsteinUhlenbeckNoise.independent(0.1, Double.NaN)),
                Arguments.of("null mixing", (Runnable) () -> OrnsteinUhlenbeckNoise.mixed(0.1, 1, null)),
                Arguments.of("infinite mixing entry", (Runnable) () -> {
                    DMatrixRMaj mixing = new DMatrixRMaj(2, 1);
                    mixing.set(1, 0, Double.POSITIVE_INFINITY);
                    OrnsteinUhlenbeckNoise.mixed(0.1, 1, mixing);
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedNoise")
    void malformedNoiseRaises(String name, Runnable construction) {
        assertThrows(IllegalArgumentException.class, construction::run);
    }
}
