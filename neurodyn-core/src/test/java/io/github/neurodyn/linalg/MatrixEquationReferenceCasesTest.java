package io.github.neurodyn.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.api.SingularEquationException;
import io.github.neurodyn.testing.ReferenceCase;
import io.github.neurodyn.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The shared {@code lyap} and {@code dlyap} reference cases: every solution case must meet
 * its {@code parity} bounds on relative residual and forward error with a symmetric X, and
 * every error case must raise {@link SingularEquationException}.
 */
class MatrixEquationReferenceCasesTest {

    /** Allowed difference, per unit of n, between the reported and the recomputed residual. */
    private static final double RESIDUAL_AGREEMENT = 4 * Math.ulp(1.0);

    /** Cases by kind, read once per run. */
    private static final Map<String, List<ReferenceCase>> CASES = new ConcurrentHashMap<>();

    /**
     * Returns the cases of one kind. Only files whose name starts with the kind are parsed,
     * because the large Riccati cases would dominate the run time. The kind read from each
     * file is checked as well.
     */
    private static List<ReferenceCase> cases(String kind) {
        return CASES.computeIfAbsent(kind, k -> {
            Path folder = SharedData.require("reference/cases");
            try (Stream<Path> files = Files.list(folder)) {
                List<ReferenceCase> found = files
                        .filter(p -> p.getFileName().toString().startsWith(k + "_"))
                        .sorted()
                        .map(ReferenceCase::read)
                        .toList();
                for (ReferenceCase c : found) {
                    assertEquals(k, c.kind(), "kind of " + c.name());
                }
                return found;
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> continuousCasesPassAtParity() {
        return cases("lyap").stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c, c.parity())));
    }

    @TestFactory
    Stream<DynamicTest> discreteCasesPassAtParity() {
        return cases("dlyap").stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c, c.parity())));
    }

    /** Counts the cases that also meet the stricter {@code stretch} bounds, for the docs. */
    @Test
    void stretchCount() {
        List<ReferenceCase> cases = Stream.concat(cases("lyap").stream(), cases("dlyap").stream()).toList();
        int passed = 0;
        StringBuilder misses = new StringBuilder();
        for (ReferenceCase c : cases) {
            try {
                check(c, c.stretch());
                passed++;
            } catch (AssertionError error) {
                misses.append("\n  ").append(c.name()).append(": ").append(error.getMessage());
            }
        }
        System.out.printf("lyap/dlyap reference cases at stretch: %d of %d pass%s%n", passed, cases.size(), misses);
        assertTrue(passed > 0, "at least one case must be checked");
    }

    private static void check(ReferenceCase c, ReferenceCase.Tolerance tolerance) {
        if (c.expectsError()) {
            assertThrows(SingularEquationException.class, () -> solve(c));
            return;
        }
        LyapunovSolution solution = solve(c);
        DMatrixRMaj x = solution.x();
        double residual = residual(c, x);
        // Both evaluations carry their own rounding errors of order n eps.
        assertEquals(residual, solution.relativeResidual(), RESIDUAL_AGREEMENT * Math.max(1, c.a().numRows),
                "reported residual must match the recomputed one");
        if (tolerance.relativeResidual() != null) {
            assertTrue(residual <= tolerance.relativeResidual(),
                    "relative residual " + residual + " exceeds " + tolerance.relativeResidual());
        }
        if (tolerance.relativeForwardError() != null) {
            double error = forwardError(x, c.x());
            assertTrue(error <= tolerance.relativeForwardError(),
                    "relative forward error " + error + " exceeds " + tolerance.relativeForwardError());
        }
        assertTrue(EquationResiduals.isSymmetric(x), "X must be symmetric");
    }

    private static LyapunovSolution solve(ReferenceCase c) {
        boolean discrete = c.kind().equals("dlyap");
        if (c.e() == null) {
            return discrete ? DiscreteLyapunov.solve(c.a(), c.q()) : Lyapunov.solve(c.a(), c.q());
        }
        return discrete ? DiscreteLyapunov.solve(c.a(), c.e(), c.q()) : Lyapunov.solve(c.a(), c.e(), c.q());
    }

    /** Recomputes the case's relative residual with plain EJML products. */
    static double residual(ReferenceCase c, DMatrixRMaj x) {
        int n = c.a().numRows;
        DMatrixRMaj e = c.e() == null ? CommonOps_DDRM.identity(n) : c.e();
        DMatrixRMaj r;
        double denominator;
        if (c.kind().equals("dlyap")) {
            r = triple(c.a(), x, c.a());
            CommonOps_DDRM.subtractEquals(r, triple(e, x, e));
            double normA = NormOps_DDRM.normF(c.a());
            double normE = NormOps_DDRM.normF(e);
            denominator = (normA * normA + normE * normE) * NormOps_DDRM.normF(x) + NormOps_DDRM.normF(c.q());
        } else {
            r = triple(c.a(), x, e);
            CommonOps_DDRM.addEquals(r, triple(e, x, c.a()));
            denominator = 2 * NormOps_DDRM.normF(c.a()) * NormOps_DDRM.normF(e) * NormOps_DDRM.normF(x)
                    + NormOps_DDRM.normF(c.q());
        }
        CommonOps_DDRM.addEquals(r, c.q());
        return NormOps_DDRM.normF(r) / denominator;
    }

    /** Returns {@code L X R^T}. */
    private static DMatrixRMaj triple(DMatrixRMaj left, DMatrixRMaj x, DMatrixRMaj right) {
        DMatrixRMaj lx = new DMatrixRMaj(left.numRows, x.numCols);
        CommonOps_DDRM.mult(left, x, lx);
        DMatrixRMaj result = new DMatrixRMaj(left.numRows, right.numRows);
        CommonOps_DDRM.multTransB(lx, right, result);
        return result;
    }

    static double forwardError(DMatrixRMaj x, DMatrixRMaj reference) {
        DMatrixRMaj difference = x.copy();
        CommonOps_DDRM.subtractEquals(difference, reference);
        return NormOps_DDRM.normF(difference) / NormOps_DDRM.normF(reference);
    }
}
