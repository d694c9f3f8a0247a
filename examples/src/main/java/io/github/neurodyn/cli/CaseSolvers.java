package io.github.neurodyn.cli;

import io.github.neurodyn.linalg.DiscreteLyapunov;
import io.github.neurodyn.linalg.Lyapunov;
import java.util.Map;
import java.util.function.Function;
import org.ejml.data.DMatrixRMaj;

/**
 * The library solver behind each case kind of {@code neurodyn solve}. A kind missing from
 * this table fails with the reason {@code unsupported}.
 */
final class CaseSolvers {

    private static final Map<String, Function<MatrixCase, DMatrixRMaj>> SOLVERS = Map.of(
            "lyap", CaseSolvers::lyapunov,
            "dlyap", CaseSolvers::discreteLyapunov);

    private CaseSolvers() {
    }

    /**
     * Returns the solver of a kind.
     *
     * @param kind case kind
     * @return the solver, or null when the build has none for that kind
     */
    static Function<MatrixCase, DMatrixRMaj> forKind(String kind) {
        return SOLVERS.get(kind);
    }

    /** Solves A X E^T + E X A^T + Q = 0 (E = I when absent). */
    private static DMatrixRMaj lyapunov(MatrixCase c) {
        return c.e() == null ? Lyapunov.solve(c.a(), c.q()).x() : Lyapunov.solve(c.a(), c.e(), c.q()).x();
    }

    /** Solves A X A^T - E X E^T + Q = 0 (E = I when absent). */
    private static DMatrixRMaj discreteLyapunov(MatrixCase c) {
        return c.e() == null ? DiscreteLyapunov.solve(c.a(), c.q()).x()
                : DiscreteLyapunov.solve(c.a(), c.e(), c.q()).x();
    }
}
