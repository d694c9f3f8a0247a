package io.github.neurodyn.bench.linalg;

import io.github.neurodyn.linalg.DiscreteLyapunov;
import io.github.neurodyn.linalg.Lyapunov;
import io.github.neurodyn.linalg.LyapunovSolution;
import io.github.neurodyn.linalg.RealSchur;
import io.github.neurodyn.linalg.SchurForm;
import io.github.neurodyn.linalg.Sylvester;
import io.github.neurodyn.linalg.SylvesterSolution;
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
 * Time of the Lyapunov, Sylvester and discrete Lyapunov solvers on the problems that the
 * scipy peer script times: {@code A = randn(n, n) / sqrt(n) - 2 I}, {@code Q = I},
 * {@code C = randn(n, n)}, {@code Sylvester(A, A^T, C)} and
 * {@code A_d = randn(n, n) / sqrt(n) / 2} for the discrete equation, here drawn from
 * {@code java.util.Random} with seed 12345, so the entries differ from numpy's but the
 * distribution is the same.
 *
 * <p>The same-run baseline is an EJML product of two n x n matrices ({@code 2 n^3} flops).
 * A full Lyapunov solve costs one real Schur form (about 25 n^3 flops) plus about 10 n^3 for
 * the rest, so about 20 baselines. A clearly larger ratio is a regression. The shifted solve on a given Schur
 * form, with a general symmetric Q and X returned in the original basis, costs about
 * 10 n^3 flops and must stay under half the full solve. Each result is returned so JMH
 * consumes it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MatrixEquationBenchmark {

    @Param({"100", "200", "500", "1000"})
    int n;

    private DMatrixRMaj a;
    private DMatrixRMaj aTransposed;
    private DMatrixRMaj identity;
    private DMatrixRMaj c;
    private DMatrixRMaj symmetric;
    private DMatrixRMaj discreteA;
    private SchurForm schurOfA;
    private DMatrixRMaj product;

    /** Builds the matrices with the seed of the scipy peer timings. */
    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(12345);
        a = gaussian(random, 1.0 / Math.sqrt(n));
        for (int i = 0; i < n; i++) {
            a.add(i, i, -2.0);
        }
        aTransposed = CommonOps_DDRM.transpose(a, null);
        identity = CommonOps_DDRM.identity(n);
        c = gaussian(random, 1.0);
        DMatrixRMaj g = gaussian(random, 1.0);
        symmetric = new DMatrixRMaj(n, n);
        CommonOps_DDRM.transpose(g, symmetric);
        CommonOps_DDRM.addEquals(symmetric, g);
        discreteA = gaussian(random, 0.5 / Math.sqrt(n));
        schurOfA = RealSchur.of(a);
        product = new DMatrixRMaj(n, n);
    }

    private DMatrixRMaj gaussian(Random random, double scale) {
        DMatrixRMaj m = new DMatrixRMaj(n, n);
        for (int k = 0; k < n * n; k++) {
            m.data[k] = scale * random.nextGaussian();
        }
        return m;
    }

    /** Baseline: EJML {@code C = A A}. */
    @Benchmark
    public DMatrixRMaj baselineMultiply() {
        CommonOps_DDRM.mult(a, a, product);
        return product;
    }

    /** {@code A X + X A^T + I = 0}, including the Schur form. */
    @Benchmark
    public LyapunovSolution lyapunov() {
        return Lyapunov.solve(a, identity);
    }

    /** {@code (A - s I) X + X (A - s I)^T + Q = 0} on the stored Schur form, general symmetric Q. */
    @Benchmark
    public LyapunovSolution shiftedOnSchurForm() {
        return Lyapunov.solveShifted(schurOfA, 0.5, symmetric, false);
    }

    /** {@code A X + X A^T = C}, including both Schur forms. */
    @Benchmark
    public SylvesterSolution sylvester() {
        return Sylvester.solve(a, aTransposed, c);
    }

    /** {@code A_d X A_d^T - X + I = 0}, including the Schur form. */
    @Benchmark
    public LyapunovSolution discreteLyapunov() {
        return DiscreteLyapunov.solve(discreteA, identity);
    }
}
