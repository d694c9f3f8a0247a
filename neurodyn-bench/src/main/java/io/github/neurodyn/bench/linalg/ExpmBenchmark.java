package io.github.neurodyn.bench.linalg;

import io.github.neurodyn.linalg.MatrixExponential;
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
 * Time of the matrix exponential of {@code A = randn(n, n) / sqrt(n) - 2 I} (one-norm about
 * 2 + 0.8 sqrt(n), so degree 13 with a few squarings), with an EJML product of the same size
 * as the same-run baseline. The exponential costs 6 + s products, one LU solve and some
 * matrix additions, so expect 10 to 15 times the baseline (12 at n = 100 in a smoke run on a
 * loaded 2-core machine); a ratio well above that is a regression.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class ExpmBenchmark {

    @Param({"100", "200", "500"})
    int n;

    private DMatrixRMaj a;
    private DMatrixRMaj product;

    /** Builds the matrix with the seed of the scipy peer timings. */
    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(12345);
        a = new DMatrixRMaj(n, n);
        for (int k = 0; k < n * n; k++) {
            a.data[k] = random.nextGaussian() / Math.sqrt(n);
        }
        for (int i = 0; i < n; i++) {
            a.add(i, i, -2);
        }
        product = new DMatrixRMaj(n, n);
    }

    /** exp(A) by scaling and squaring. */
    @Benchmark
    public DMatrixRMaj exponential() {
        return MatrixExponential.of(a);
    }

    /** Baseline: one EJML matrix product A A. */
    @Benchmark
    public DMatrixRMaj ejmlMultiply() {
        CommonOps_DDRM.mult(a, a, product);
        return product;
    }
}
