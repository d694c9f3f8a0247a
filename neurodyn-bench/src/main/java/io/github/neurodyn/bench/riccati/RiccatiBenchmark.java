package io.github.neurodyn.bench.riccati;

import io.github.neurodyn.riccati.Riccati;
import io.github.neurodyn.riccati.RiccatiSolution;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * CARE and DARE solves on the problems that the scipy timing script builds:
 * {@code A = randn(n, n) / sqrt(n) - 2 I}, {@code B = randn(n, m)} with {@code m = max(1, n / 10)},
 * {@code Q = I}, {@code R = I}, and for the discrete equation
 * {@code A_d = 0.5 randn(n, n) / sqrt(n)}. The Gaussian entries come from java.util.Random
 * with a fixed seed, so the matrices have the same distribution as scipy's but not the same
 * values. The baseline is an EJML multiply of two n x n matrices in the same run.
 *
 * <p>Every solve costs O(n^3), so the time should grow about 8x per doubling of n; a larger
 * factor, or a rise against the baseline between runs, is a regression.
 *
 * <pre>
 * java -jar neurodyn-bench/target/benchmarks.jar RiccatiBenchmark -p n=200
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class RiccatiBenchmark {

    /** Number of states. */
    @Param({"50", "100", "200", "400"})
    public int n;

    private DMatrixRMaj a;
    private DMatrixRMaj aDiscrete;
    private DMatrixRMaj b;
    private DMatrixRMaj q;
    private DMatrixRMaj r;
    private final DMatrixRMaj product = new DMatrixRMaj(1, 1);

    /** Builds the matrices once per run. */
    @Setup
    public void setUp() {
        Random random = new Random(0);
        int m = Math.max(1, n / 10);
        a = gaussian(random, n, n, 1 / Math.sqrt(n));
        for (int i = 0; i < n; i++) {
            a.add(i, i, -2.0);
        }
        b = gaussian(random, n, m, 1);
        aDiscrete = gaussian(random, n, n, 0.5 / Math.sqrt(n));
        q = CommonOps_DDRM.identity(n);
        r = CommonOps_DDRM.identity(m);
        product.reshape(n, n);
    }

    /** Continuous equation by the Hamiltonian Schur method with refinement. */
    @Benchmark
    public RiccatiSolution care() {
        return Riccati.continuous(a, b, q, r).solve();
    }

    /** Discrete equation by the doubling algorithm with refinement. */
    @Benchmark
    public RiccatiSolution dare() {
        return Riccati.discrete(aDiscrete, b, q, r).solve();
    }

    /** Baseline: one EJML n x n matrix product, about 2 n^3 flops. */
    @Benchmark
    public DMatrixRMaj multiplyBaseline() {
        CommonOps_DDRM.mult(a, aDiscrete, product);
        return product;
    }

    private static DMatrixRMaj gaussian(Random random, int rows, int cols, double scale) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.getNumElements(); i++) {
            m.data[i] = scale * random.nextGaussian();
        }
        return m;
    }
}
