package io.github.neurodyn.bench.linalg;

import io.github.neurodyn.linalg.RealSchur;
import io.github.neurodyn.linalg.SchurForm;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
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
 * Time of the real Schur decomposition and of its reordering, single-threaded, with EJML's
 * general eigenvalue decomposition of the same matrix as the same-run baseline.
 *
 * <p>The matrix is {@code A = randn(n, n) / sqrt(n) - 2 I}, the family that the scipy peer
 * timings use ({@code scipy.linalg.schur(A, output="real")}); the Gaussian entries come from
 * {@code java.util.Random(12345)}, so the values differ from numpy's but the spectrum has
 * the same distribution (a disc of radius about 1 around -2). Both decompositions cost
 * {@code O(n^3)}, so each doubling of {@code n} should multiply the time by about 8; a
 * larger ratio to the baseline than recorded in docs/benchmarks.md is a regression.
 *
 * <p>{@code reorderAllStable} selects {@code Re < 0}, which holds for the whole spectrum of
 * this family, so it measures the selection pass and copies only. {@code reorderHalf}
 * selects {@code Re < -2}, about half the eigenvalues, and measures real block swaps.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class SchurBenchmark {

    /** Seed of the Gaussian entries, the seed the scipy peer timings use. */
    private static final long SEED = 12345;

    @Param({"100", "200", "500", "1000"})
    int n;

    private DMatrixRMaj a;
    private SchurForm form;
    private EigenDecomposition_F64<DMatrixRMaj> ejmlEigen;

    /** Builds the matrix and a Schur form to reorder. */
    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(SEED);
        a = new DMatrixRMaj(n, n);
        double scale = 1 / Math.sqrt(n);
        for (int k = 0; k < n * n; k++) {
            a.data[k] = scale * random.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            a.add(i, i, -2);
        }
        form = RealSchur.of(a);
        ejmlEigen = DecompositionFactory_DDRM.eig(n, false);
    }

    /** Real Schur form with Schur vectors. */
    @Benchmark
    public SchurForm schur() {
        return RealSchur.of(a);
    }

    /** Reordering that keeps every eigenvalue (Re &lt; 0 holds for all). */
    @Benchmark
    public SchurForm reorderAllStable() {
        return RealSchur.reorder(form, (re, im) -> re < 0);
    }

    /** Reordering that moves about half of the eigenvalues (Re &lt; -2) to the top. */
    @Benchmark
    public SchurForm reorderHalf() {
        return RealSchur.reorder(form, (re, im) -> re < -2);
    }

    /** Eigenvalues only, without balancing. */
    @Benchmark
    public Object eigenvalues() {
        return RealSchur.eigenvalues(a, false);
    }

    /** Baseline: EJML's general eigenvalue decomposition without eigenvectors. */
    @Benchmark
    public Object ejmlEigenvalues() {
        if (!ejmlEigen.decompose(a.copy())) {
            throw new IllegalStateException("EJML eigenvalue decomposition failed for n = " + n);
        }
        return ejmlEigen.getEigenvalue(0);
    }
}
