package io.github.neurodyn.cli;

import io.github.neurodyn.linalg.DiscreteLyapunov;
import io.github.neurodyn.linalg.Lyapunov;
import io.github.neurodyn.riccati.Riccati;
import io.github.neurodyn.riccati.RiccatiProblem;
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
            "dlyap", CaseSolvers::discreteLyapunov,
            "care", c -> riccati(c, Riccati.continuous(c.a(), c.b(), c.q(), c.r())),
            "dare", c -> riccati(c, Riccati.discrete(c.a(), c.b(), c.q(), c.r())));

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

    /** Returns the kinds that have a solver, sorted and separated by commas. */
    static String kinds() {
        return String.join(", ", new java.util.TreeSet<>(SOLVERS.keySet()));
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

    /** Solves a CARE or DARE with the case's optional E and cross term S. */
    private static DMatrixRMaj riccati(MatrixCase c, RiccatiProblem problem) {
        RiccatiProblem withOptions = problem;
        if (c.e() != null) {
            withOptions = withOptions.withE(c.e());
        }
        if (c.s() != null) {
            withOptions = withOptions.withCrossTerm(c.s());
        }
        return withOptions.solve().x();
    }
}
