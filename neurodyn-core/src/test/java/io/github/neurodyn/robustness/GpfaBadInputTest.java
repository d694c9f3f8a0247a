package io.github.neurodyn.robustness;

import io.github.neurodyn.analysis.gpfa.ExactGpfa;
import io.github.neurodyn.analysis.gpfa.ExactGpfaOptions;
import io.github.neurodyn.analysis.gpfa.GpfaData;
import io.github.neurodyn.analysis.gpfa.GpfaDataFiles;
import io.github.neurodyn.analysis.gpfa.GpfaParameters;
import io.github.neurodyn.analysis.gpfa.NoiseModel;
import io.github.neurodyn.analysis.gpfa.SparseGpfa;
import io.github.neurodyn.analysis.gpfa.SparseGpfaOptions;
import io.github.neurodyn.testing.BadInput;
import java.nio.file.Path;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Malformed arguments to the public entry points of the GPFA package: each raises
 * {@link IllegalArgumentException} naming the argument.
 */
class GpfaBadInputTest {

    private static final int NEURONS = 3;
    private static final int BINS = 5;
    private static final List<String> NAMES = List.of("a", "b", "c");

    private static double[] grid() {
        return new double[] {0, 10, 20, 30, 40};
    }

    @TestFactory
    List<DynamicTest> gpfaEntryPointsRejectBadInput() {
        DMatrixRMaj activity = SeededInputs.gaussian(BINS, NEURONS, 5);
        DMatrixRMaj nanActivity = activity.copy();
        nanActivity.set(2, 1, Double.NaN);
        GpfaData data = GpfaData.continuous(NAMES, grid(), activity);
        GpfaParameters parameters = new GpfaParameters(SeededInputs.gaussian(NEURONS, 1, 6), new double[NEURONS],
                new double[] {1, 1, 1}, new double[] {0.1}, new double[] {1});
        return BadInput.tests(
                new BadInput("data null names", "neuronNames", () -> GpfaData.continuous(null, grid(), activity)),
                new BadInput("data repeated name", "neuronNames",
                        () -> GpfaData.continuous(List.of("a", "a", "c"), grid(), activity)),
                new BadInput("data decreasing times", "timesMs",
                        () -> GpfaData.continuous(NAMES, new double[] {0, 10, 5, 30, 40}, activity)),
                new BadInput("data NaN time", "timesMs",
                        () -> GpfaData.continuous(NAMES, new double[] {0, 10, Double.NaN, 30, 40}, activity)),
                new BadInput("data NaN activity", "activity", () -> GpfaData.continuous(NAMES, grid(), nanActivity)),
                new BadInput("data activity of other shape", "activity",
                        () -> GpfaData.continuous(NAMES, grid(), new DMatrixRMaj(BINS, NEURONS + 1))),
                new BadInput("data no segments", "timesMs", () -> GpfaData.of(NAMES, List.of(), List.of())),
                new BadInput("data lists of other length", "activity",
                        () -> GpfaData.of(NAMES, List.of(grid(), grid()), List.of(activity))),
                new BadInput("exact options zero latents", "latentCount", () -> ExactGpfaOptions.defaults(0)),
                new BadInput("exact options zero iterations", "maxIterations",
                        () -> new ExactGpfaOptions(1, 0, 1e-8, 0.1, 5)),
                new BadInput("exact options NaN tolerance", "relativeTolerance",
                        () -> new ExactGpfaOptions(1, 10, Double.NaN, 0.1, 5)),
                new BadInput("exact options zero length scale", "initialLengthScaleSeconds",
                        () -> new ExactGpfaOptions(1, 10, 1e-8, 0, 5)),
                new BadInput("exact fit null data", "data", () -> ExactGpfa.fit(null, ExactGpfaOptions.defaults(1))),
                new BadInput("exact fit null options", "options", () -> ExactGpfa.fit(data, null)),
                new BadInput("exact fit too many latents", "latentCount",
                        () -> ExactGpfa.fit(data, ExactGpfaOptions.defaults(NEURONS + 1))),
                new BadInput("sparse options one inducing point", "inducingPoints",
                        () -> new SparseGpfaOptions(1, NoiseModel.GAUSSIAN, 1, 10, 0.05, 8, 5, 1e-5, 0.01, 1, null)),
                new BadInput("sparse options zero learning rate", "learningRate",
                        () -> new SparseGpfaOptions(1, NoiseModel.GAUSSIAN, 20, 10, 0, 8, 5, 1e-5, 0.01, 1, null)),
                new BadInput("sparse options zero retention", "retentionThreshold",
                        () -> new SparseGpfaOptions(1, NoiseModel.GAUSSIAN, 20, 10, 0.05, 8, 5, 1e-5, 0, 1, null)),
                new BadInput("sparse options null noise", "noise",
                        () -> new SparseGpfaOptions(1, null, 20, 10, 0.05, 8, 5, 1e-5, 0.01, 1, null)),
                new BadInput("sparse options zero neuron batch", "neuronsPerBatch",
                        () -> new SparseGpfaOptions(1, NoiseModel.GAUSSIAN, 20, 10, 0.05, 8, 0, 1e-5, 0.01, 1, null)),
                new BadInput("sparse fit null data", "data", () -> SparseGpfa.fit(null, SparseGpfaOptions.defaults(1))),
                new BadInput("sparse fit null options", "options", () -> SparseGpfa.fit(data, null)),
                new BadInput("sparse fit too many latents", "latentCount",
                        () -> SparseGpfa.fit(data, SparseGpfaOptions.defaults(NEURONS + 1))),
                new BadInput("parameters null loadings", "loadings",
                        () -> new GpfaParameters(null, new double[NEURONS], new double[] {1, 1, 1}, new double[] {0.1},
                                new double[] {1})),
                new BadInput("parameters zero noise variance", "noiseVariances",
                        () -> new GpfaParameters(new DMatrixRMaj(NEURONS, 1), new double[NEURONS],
                                new double[] {1, 0, 1}, new double[] {0.1}, new double[] {1})),
                new BadInput("parameters negative length scale", "lengthScalesSeconds",
                        () -> new GpfaParameters(new DMatrixRMaj(NEURONS, 1), new double[NEURONS],
                                new double[] {1, 1, 1}, new double[] {-0.1}, new double[] {1})),
                new BadInput("posterior null parameters", "parameters",
                        () -> ExactGpfa.posterior(null, grid(), activity)),
                new BadInput("posterior NaN activity", "activity",
                        () -> ExactGpfa.posterior(parameters, grid(), nanActivity)),
                new BadInput("posterior null query", "queryTimesMs",
                        () -> ExactGpfa.posterior(parameters, grid(), activity, null)),
                new BadInput("likelihood null data", "data", () -> ExactGpfa.logMarginalLikelihood(parameters, null)),
                new BadInput("read null CSV path", "file", () -> GpfaDataFiles.readCsv((Path) null, NoiseModel.GAUSSIAN)),
                new BadInput("read NPY zero bin width", "binWidthMs",
                        () -> GpfaDataFiles.readNpy(Path.of("missing.npy"), 0, NoiseModel.GAUSSIAN)));
    }

    /** Null arrays of one continuous segment and a bad query grid, each named in the message. */
    @TestFactory
    List<DynamicTest> segmentArraysAndQueryGrid() {
        DMatrixRMaj activity = SeededInputs.gaussian(BINS, NEURONS, 5);
        GpfaParameters parameters = new GpfaParameters(SeededInputs.gaussian(NEURONS, 1, 6), new double[NEURONS],
                new double[] {1, 1, 1}, new double[] {0.1}, new double[] {1});
        return BadInput.tests(
                new BadInput("data null times", "timesMs", () -> GpfaData.continuous(NAMES, null, activity)),
                new BadInput("data null activity", "activity", () -> GpfaData.continuous(NAMES, grid(), null)),
                new BadInput("posterior NaN query", "queryTimesMs",
                        () -> ExactGpfa.posterior(parameters, grid(), activity, new double[] {0, Double.NaN})),
                new BadInput("posterior decreasing query", "queryTimesMs",
                        () -> ExactGpfa.posterior(parameters, grid(), activity, new double[] {10, 0})));
    }
}
