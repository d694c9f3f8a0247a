package io.github.neurodyn.bench.spectral;

import io.github.neurodyn.spectral.GradientRule;
import io.github.neurodyn.spectral.SmoothedAbscissa;
import io.github.neurodyn.spectral.SmoothedSpectralAbscissa;
import io.github.neurodyn.spectral.SocPresets;
import io.github.neurodyn.spectral.SocResult;
import io.github.neurodyn.spectral.StabilityOptimizer;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of the stability-optimisation building blocks on the start network of Hennequin et
 * al. (2014) (half excitatory, p = 0.1, gamma = 3, R = 10, seed 12345), single-threaded.
 *
 * <ul>
 *   <li>{@code eigenvalues}: EJML eigenvalues of the same matrix, the same-run baseline; an
 *       optimiser step needs at least this much work.</li>
 *   <li>{@code smoothedAbscissa}: one value-and-gradient evaluation of the smoothed spectral
 *       abscissa at the default epsilon = 0.3 / N.</li>
 *   <li>{@code shiftStep} and {@code smoothedStep}: mean time per optimiser iteration over
 *       {@value #STEPS} iterations from the start network (one extra decomposition for the
 *       final abscissa is included and spread over them).</li>
 * </ul>
 * Every cost should grow like N^3 (doubling N costs about 8 times as much). Quote a step
 * against a numpy/scipy implementation of the same iteration timed in the same session on
 * the same machine. A regression is any rise in the ratio of a step to {@code eigenvalues}.
 *
 * <p>Run: {@code java -jar neurodyn-bench/target/benchmarks.jar SpectralBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SpectralBenchmark {

    /** Optimiser iterations per benchmark invocation. */
    static final int STEPS = 5;

    @Param({"100", "200", "400"})
    int neurons;

    DMatrixRMaj network;

    /** Builds the start network. */
    @Setup
    public void setUp() {
        network = SocPresets.hennequinNetwork(neurons, 12345L);
    }

    /**
     * Computes the eigenvalues with EJML (baseline).
     *
     * @return the decomposition, consumed by JMH
     */
    @Benchmark
    public EigenDecomposition_F64<DMatrixRMaj> eigenvalues() {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(neurons, false, false);
        eig.decompose(network.copy());
        return eig;
    }

    /**
     * Evaluates the smoothed spectral abscissa and its gradient once.
     *
     * @return the result, consumed by JMH
     */
    @Benchmark
    public SmoothedAbscissa smoothedAbscissa() {
        return SmoothedSpectralAbscissa.of(network, SmoothedSpectralAbscissa.defaultEpsilon(neurons));
    }

    /**
     * Runs {@value #STEPS} optimiser iterations with the shift heuristic.
     *
     * @return the result, consumed by JMH
     */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public SocResult shiftStep() {
        return optimizer(GradientRule.hennequinShift()).run();
    }

    /**
     * Runs {@value #STEPS} optimiser iterations with the exact smoothed abscissa.
     *
     * @return the result, consumed by JMH
     */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public SocResult smoothedStep() {
        return optimizer(GradientRule.smoothed(SmoothedSpectralAbscissa.defaultEpsilon(neurons))).run();
    }

    private StabilityOptimizer optimizer(GradientRule rule) {
        return StabilityOptimizer.builder(network, neurons / 2)
                .gradient(rule)
                .learningRate(SocPresets.HENNEQUIN_LEARNING_RATE)
                .targetAbscissa(SocPresets.HENNEQUIN_TARGET)
                .maxIterations(STEPS)
                .build();
    }
}
