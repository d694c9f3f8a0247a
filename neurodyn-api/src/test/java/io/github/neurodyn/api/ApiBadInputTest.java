package io.github.neurodyn.api;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed inputs to the public types of the API, each raising IllegalArgumentException
 * whose message names the argument. RateNetworkTest, InputSignalTest and NonlinearityTest
 * check the exception type of some of these calls, and this table also checks the message.
 */
class ApiBadInputTest {

    private static final DMatrixRMaj W = new DMatrixRMaj(new double[][] {{0, 1}, {-1, 0}});

    private static RateNetwork.Builder network() {
        return RateNetwork.builder().weights(W);
    }

    private static Trajectory trajectory(double[] times, double[][] states, DMatrixRMaj finalWeights) {
        return new Trajectory(times, states, 2, Nonlinearity.identity(), finalWeights, "EULER", 0, 0, false);
    }

    /** Builds one trial of two neurons at two sample times. */
    private static Trajectory twoSamples() {
        return trajectory(new double[] {0, 0.1}, new double[][] {{1, 2, 3, 4}}, new DMatrixRMaj(2, 2));
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> cases() {
        return Stream.of(
                bad("missing weights", "weights", () -> RateNetwork.builder().build()),
                bad("rectangular weights", "weights", () -> RateNetwork.builder().weights(new DMatrixRMaj(2, 3)).build()),
                bad("empty weights", "weights.numRows", () -> RateNetwork.builder().weights(new DMatrixRMaj(0, 0)).build()),
                bad("infinite weight", "weights", () -> RateNetwork.builder()
                        .weights(new DMatrixRMaj(new double[][] {{Double.POSITIVE_INFINITY}})).build()),
                bad("zero tau", "timeConstant", () -> network().timeConstant(0).build()),
                bad("NaN tau", "timeConstant", () -> network().timeConstant(Double.NaN).build()),
                bad("infinite tau", "timeConstant", () -> network().timeConstant(Double.POSITIVE_INFINITY).build()),
                bad("subnormal tau", "timeConstant", () -> network().timeConstant(Double.MIN_VALUE).build()),
                bad("subnormal tau entry", "timeConstants[1]",
                        () -> network().timeConstants(new double[] {0.1, Double.MIN_VALUE}).build()),
                bad("negative tau entry", "timeConstants[1]",
                        () -> network().timeConstants(new double[] {0.1, -0.1}).build()),
                bad("short tau vector", "timeConstants", () -> network().timeConstants(new double[] {0.1}).build()),
                bad("NaN bias", "bias", () -> network().bias(new double[] {0, Double.NaN}).build()),
                bad("long bias", "bias", () -> network().bias(new double[3]).build()),
                bad("null nonlinearity", "nonlinearity", () -> network().nonlinearity(null).build()),
                bad("short expansion point", "xStar", () -> network().build().linearisation(new double[1])),
                bad("NaN expansion point", "xStar", () -> network().build().linearisation(new double[] {0, Double.NaN})),
                bad("null expansion point", "xStar", () -> network().build().linearisation(null)),
                bad("NaN constant input", "value", () -> InputSignal.constant(new double[] {Double.NaN})),
                bad("null constant input", "value", () -> InputSignal.constant(null)),
                bad("zero dimension", "dimension", () -> InputSignal.zero(0)),
                bad("NaN onset", "onsetSeconds",
                        () -> InputSignal.step(Double.NaN, new double[] {0}, new double[] {1})),
                bad("NaN switch time", "switchTimesSeconds",
                        () -> InputSignal.piecewiseConstant(new double[] {Double.NaN}, new double[][] {{0}, {1}})),
                bad("zero sample interval", "intervalSeconds",
                        () -> InputSignal.sampled(0, 0, new DMatrixRMaj(1, 1), InputSignal.Interpolation.LINEAR)),
                bad("no samples", "samples.numCols",
                        () -> InputSignal.sampled(0, 1, new DMatrixRMaj(1, 0), InputSignal.Interpolation.LINEAR)),
                bad("NaN sample", "samples", () -> InputSignal.sampled(0, 1,
                        new DMatrixRMaj(new double[][] {{Double.NaN}}), InputSignal.Interpolation.LINEAR)),
                bad("null interpolation", "interpolation",
                        () -> InputSignal.sampled(0, 1, new DMatrixRMaj(1, 1), null)),
                bad("null time function", "function", () -> InputSignal.of(1, null)),
                bad("zero power gain", "gain", () -> Nonlinearity.rectifiedPower(0, 2)),
                bad("NaN power exponent", "exponent", () -> Nonlinearity.rectifiedPower(1, Double.NaN)),
                bad("null derivative", "derivative", () -> Nonlinearity.of(Math::sin, null, "sine")),
                bad("blank name", "name", () -> Nonlinearity.of(Math::sin, Math::cos, " ")),
                bad("null times", "times", () -> trajectory(null, new double[][] {{}}, new DMatrixRMaj(2, 2))),
                bad("no trials", "states.length", () -> trajectory(new double[0], new double[0][], new DMatrixRMaj(2, 2))),
                bad("states of wrong length", "states[0]",
                        () -> trajectory(new double[] {0}, new double[][] {{1}}, new DMatrixRMaj(2, 2))),
                bad("final weights of wrong shape", "finalWeights",
                        () -> trajectory(new double[] {0}, new double[][] {{1, 2}}, new DMatrixRMaj(3, 3))),
                bad("final state of absent trial", "trial", () -> twoSamples().finalState(1)),
                bad("state of negative trial", "trial", () -> twoSamples().state(-1, 0)),
                bad("state after last sample", "sample", () -> twoSamples().state(0, 2)),
                bad("states of absent trial", "trial", () -> twoSamples().states(3)),
                bad("rates of absent trial", "trial", () -> twoSamples().rates(1)),
                bad("trace of absent trial", "trial", () -> twoSamples().neuronTrace(1, 0)),
                bad("time of negative sample", "sample", () -> twoSamples().timeSeconds(-1)));
    }

    private static org.junit.jupiter.params.provider.Arguments bad(String label, String argument, Executable call) {
        return org.junit.jupiter.params.provider.Arguments.of(label, argument, call);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputNamesArgument(String label, String argument, Executable call) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, call, label);

        assertTrue(error.getMessage().contains(argument), label + ": message must name " + argument + ": "
                + error.getMessage());
    }
}
