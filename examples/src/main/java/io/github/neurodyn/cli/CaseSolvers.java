package io.github.neurodyn.cli;

import java.util.Map;
import java.util.function.Function;
import org.ejml.data.DMatrixRMaj;

/**
 * The library solver behind each case kind of {@code neurodyn solve}. A kind missing from
 * this table fails with the reason {@code unsupported}.
 */
final class CaseSolvers {

    private static final Map<String, Function<MatrixCase, DMatrixRMaj>> SOLVERS = Map.of();

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
}
