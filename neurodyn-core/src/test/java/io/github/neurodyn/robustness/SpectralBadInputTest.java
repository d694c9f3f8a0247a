package io.github.neurodyn.robustness;

import io.github.neurodyn.spectral.EvokedEnergy;
import io.github.neurodyn.spectral.GradientRule;
import io.github.neurodyn.spectral.Nonnormality;
import io.github.neurodyn.spectral.SmoothedSpectralAbscissa;
import io.github.neurodyn.spectral.SocPresets;
import io.github.neurodyn.spectral.SpectralAbscissa;
import io.github.neurodyn.spectral.StabilityOptimizer;
import io.github.neurodyn.testing.BadInput;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Malformed arguments to the public entry points of the spectral package: each raises
 * {@link IllegalArgumentException} naming the argument.
 */
class SpectralBadInputTest {

    private static final int N = 4;

    private static DMatrixRMaj withEntry(double value) {
        DMatrixRMaj m = CommonOps_DDRM.diag(-1, -2, -3, -4);
        m.set(1, 2, value);
        return m;
    }

    @TestFactory
    List<DynamicTest> spectralEntryPointsRejectBadInput() {
        DMatrixRMaj valid = CommonOps_DDRM.diag(-1, -2, -3, -4);
        DMatrixRMaj rectangular = new DMatrixRMaj(N, N + 1);
        DMatrixRMaj empty = new DMatrixRMaj(0, 0);
        DMatrixRMaj nan = withEntry(Double.NaN);
        DMatrixRMaj infinite = withEntry(Double.POSITIVE_INFINITY);
        DMatrixRMaj weights = SocPresets.hennequinNetwork(N, 1);
        return BadInput.tests(
                new BadInput("abscissa of null", "A", () -> SpectralAbscissa.of(null)),
                new BadInput("abscissa of rectangular", "A", () -> SpectralAbscissa.of(rectangular)),
                new BadInput("abscissa of empty", "A", () -> SpectralAbscissa.of(empty)),
                new BadInput("abscissa of NaN", "A", () -> SpectralAbscissa.of(nan)),
                new BadInput("radius of infinite", "A", () -> SpectralAbscissa.spectralRadius(infinite)),
                new BadInput("SSA of null", "A", () -> SmoothedSpectralAbscissa.of(null, 0.1)),
                new BadInput("SSA of rectangular", "A", () -> SmoothedSpectralAbscissa.of(rectangular, 0.1)),
                new BadInput("SSA of empty", "A", () -> SmoothedSpectralAbscissa.of(empty, 0.1)),
                new BadInput("SSA of NaN", "A", () -> SmoothedSpectralAbscissa.of(nan, 0.1)),
                new BadInput("SSA of infinite", "A", () -> SmoothedSpectralAbscissa.of(infinite, 0.1)),
                new BadInput("SSA zero epsilon", "epsilon", () -> SmoothedSpectralAbscissa.of(valid, 0)),
                new BadInput("SSA NaN epsilon", "epsilon", () -> SmoothedSpectralAbscissa.of(valid, Double.NaN)),
                new BadInput("SSA infinite epsilon", "epsilon",
                        () -> SmoothedSpectralAbscissa.of(valid, Double.POSITIVE_INFINITY)),
                new BadInput("default epsilon of 0", "n", () -> SmoothedSpectralAbscissa.defaultEpsilon(0)),
                new BadInput("gradient at NaN shift", "shift",
                        () -> SmoothedSpectralAbscissa.gradientAtShift(valid, Double.NaN)),
                new BadInput("gradient below abscissa", "shift",
                        () -> SmoothedSpectralAbscissa.gradientAtShift(valid, -2)),
                new BadInput("gradient of NaN", "A", () -> SmoothedSpectralAbscissa.gradientAtShift(nan, 1)),
                new BadInput("energy of null", "weights", () -> EvokedEnergy.of(null, 0.1)),
                new BadInput("energy of NaN", "weights", () -> EvokedEnergy.of(nan, 0.1)),
                new BadInput("energy zero tau", "timeConstant", () -> EvokedEnergy.of(valid, 0)),
                new BadInput("energy negative tau", "timeConstant", () -> EvokedEnergy.of(valid, -0.1)),
                new BadInput("energy infinite tau", "timeConstant",
                        () -> EvokedEnergy.of(valid, Double.POSITIVE_INFINITY)),
                new BadInput("energy of unstable", "alpha",
                        () -> EvokedEnergy.of(CommonOps_DDRM.diag(2, 0, 0, 0), 0.1)),
                new BadInput("numerical abscissa of NaN", "A", () -> Nonnormality.numericalAbscissa(nan)),
                new BadInput("Henrici of rectangular", "A", () -> Nonnormality.henriciDeparture(rectangular)),
                new BadInput("amplification null times", "times",
                        () -> Nonnormality.transientAmplification(valid, null)),
                new BadInput("amplification negative time", "times",
                        () -> Nonnormality.transientAmplification(valid, new double[] {0, -1})),
                new BadInput("amplification NaN time", "times",
                        () -> Nonnormality.transientAmplification(valid, new double[] {Double.NaN})),
                new BadInput("optimiser null weights", "weights", () -> StabilityOptimizer.builder(null, 2)),
                new BadInput("optimiser NaN weights", "weights", () -> StabilityOptimizer.builder(nan, 2)),
                new BadInput("optimiser rectangular weights", "weights",
                        () -> StabilityOptimizer.builder(rectangular, 2)),
                new BadInput("optimiser negative excitatory count", "excitatoryCount",
                        () -> StabilityOptimizer.builder(weights, -1)),
                new BadInput("optimiser excitatory count N", "excitatoryCount",
                        () -> StabilityOptimizer.builder(weights, N)),
                new BadInput("optimiser zero learning rate", "learningRate",
                        () -> StabilityOptimizer.builder(weights, 2).learningRate(0)),
                new BadInput("optimiser NaN learning rate", "learningRate",
                        () -> StabilityOptimizer.builder(weights, 2).learningRate(Double.NaN)),
                new BadInput("optimiser null rule", "rule", () -> StabilityOptimizer.builder(weights, 2).gradient(null)),
                new BadInput("optimiser negative iterations", "maxIterations",
                        () -> StabilityOptimizer.builder(weights, 2).maxIterations(-1)),
                new BadInput("optimiser NaN target", "targetAbscissa",
                        () -> StabilityOptimizer.builder(weights, 2).targetAbscissa(Double.NaN)),
                new BadInput("optimiser negative rebalance", "gamma",
                        () -> StabilityOptimizer.builder(weights, 2).rebalance(-1)),
                new BadInput("optimiser zero tracking epsilon", "epsilon",
                        () -> StabilityOptimizer.builder(weights, 2).trackSmoothedAbscissa(0)),
                new BadInput("optimiser null listener", "listener",
                        () -> StabilityOptimizer.builder(weights, 2).build().run(null)),
                new BadInput("smoothed rule zero epsilon", "epsilon", () -> GradientRule.smoothed(0)),
                new BadInput("presets one neuron", "neurons", () -> SocPresets.hennequinNetwork(1, 1)),
                new BadInput("presets zero neurons", "neurons", () -> SocPresets.hennequin2014(0, 1)));
    }
}
