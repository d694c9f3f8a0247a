package io.github.neurodyn.bench.dynamics;

import io.github.neurodyn.api.Nonlinearity;
import io.github.neurodyn.api.RateNetwork;
import io.github.neurodyn.dynamics.Integrator;
import io.github.neurodyn.dynamics.Simulation;
import io.github.neurodyn.dynamics.Stepper;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time of one integration step of tau dx/dt = -x + W phi(x) for an N x B state, next to the
 * EJML product W X of the same shape as a same-run baseline.
 *
 * <p>The problem is the one that the numpy peer script times: W = randn(N, N) / sqrt(N) * 0.9,
 * x(0) = randn, h = 0 and dt / tau = 0.01, single-threaded. The state is the network's own
 * trajectory from x(0), in which about half of the ReLU units are silent: 53 % of them are
 * active on average over the 1000 steps between resets at N = 200, B = 1. The product skips
 * the columns of silent units, so an Euler step costs 2 N^2 B a flops for an active fraction
 * a, plus O(N B) element-wise work. With tanh every unit is active. {@code -p stateShift=10} times ReLU with every unit active.
 * Cost grows like N^2 B; RK4 costs four products.
 * A regression is a rise of the step time as a ratio to {@code ejmlProduct} of the same run,
 * which {@code check-step-regression.sh} compares against {@code step-baseline.json}.
 * Run with {@code -prof gc}: the step must show 0 B/op (a few bytes per op from JMH itself
 * may remain on very long operations).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class StepBenchmark {

    /** Time constant tau in seconds; the step is tau / 100 as in the numpy script. */
    private static final double TAU_SECONDS = 0.15;
    private static final long SEED = 12345;
    /**
     * Steps between resets of the state to x(0), as in the numpy script's 1000-step loops.
     * Without resets the state of this stable network decays into subnormal numbers within
     * a few seconds of benchmarking, and subnormal arithmetic is far slower.
     */
    private static final int STEPS_PER_RESET = 1000;

    /** Number of neurons N. */
    @Param({"100", "200", "1000"})
    public int neurons;

    /** Number of trials B advanced together. */
    @Param({"1", "64"})
    public int trials;

    /** Integration scheme. */
    @Param({"EULER", "RK4"})
    public String integrator;

    /** Nonlinearity phi. */
    @Param({"relu", "tanh"})
    public String nonlinearity;

    /**
     * Shift s of the state: x(0) = randn + s and bias h = s (1 - W 1), so that x = s 1 is a
     * fixed point of the ReLU network. With s = 10 every unit stays active during the
     * 1000 steps between resets (x_i stayed above 5 for every N and B of this benchmark),
     * which times the product without skipped columns. The default 0 is the numpy script's problem.
     */
    @Param({"0"})
    public double stateShift;

    private Stepper stepper;
    private double[][] initialStates;
    private int stepsSinceReset;
    private DMatrixRMaj weights;
    private DMatrixRMaj rates;
    private DMatrixRMaj product;

    /** Builds the network, the stepper and the baseline operands. */
    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(SEED);
        weights = new DMatrixRMaj(neurons, neurons);
        double scale = 0.9 / Math.sqrt(neurons);
        for (int k = 0; k < weights.data.length; k++) {
            weights.data[k] = scale * random.nextGaussian();
        }
        DMatrixRMaj x0 = new DMatrixRMaj(neurons, trials);
        for (int k = 0; k < x0.data.length; k++) {
            x0.data[k] = random.nextGaussian() + stateShift;
        }
        double[] bias = new double[neurons];
        for (int i = 0; i < neurons; i++) {
            double rowSum = 0.0;
            for (int j = 0; j < neurons; j++) {
                rowSum += weights.get(i, j);
            }
            bias[i] = stateShift * (1.0 - rowSum);
        }
        Nonlinearity phi = "relu".equals(nonlinearity) ? Nonlinearity.relu() : Nonlinearity.tanh();
        RateNetwork network = RateNetwork.builder().weights(weights).timeConstant(TAU_SECONDS).bias(bias)
                .nonlinearity(phi).build();
        stepper = Simulation.of(network).integrator(Integrator.valueOf(integrator))
                .stepSeconds(TAU_SECONDS / 100).trials(trials).initialStates(x0).stepper();
        initialStates = new double[trials][neurons];
        for (int b = 0; b < trials; b++) {
            for (int i = 0; i < neurons; i++) {
                initialStates[b][i] = x0.get(i, b);
            }
        }
        rates = x0.copy();
        product = new DMatrixRMaj(neurons, trials);
    }

    /**
     * Advances all trials by one integration step.
     *
     * @return the simulated time, so the step cannot be removed
     */
    @Benchmark
    public double step() {
        if (++stepsSinceReset == STEPS_PER_RESET) {
            stepsSinceReset = 0;
            for (int b = 0; b < trials; b++) {
                stepper.setState(b, initialStates[b]);
            }
        }
        stepper.step();
        return stepper.timeSeconds();
    }

    /**
     * Computes the EJML product W R for an N x B matrix R, the core of an Euler step.
     *
     * @return the product, so it cannot be removed
     */
    @Benchmark
    public DMatrixRMaj ejmlProduct() {
        CommonOps_DDRM.mult(weights, rates, product);
        return product;
    }
}
