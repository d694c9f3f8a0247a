package io.github.neurodyn.spectral;

import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Outcome of a stability-optimiser run.
 *
 * @param weights the optimised connectivity {@code W}
 * @param converged whether the spectral abscissa reached the target
 * @param stopReason why the run stopped
 * @param history one entry per gradient step, in order
 * @param initialAbscissa {@code alpha(W)} of the start network
 * @param finalAbscissa {@code alpha(W)} of the returned network
 * @param seconds wall-clock duration of the run, in seconds
 */
public record SocResult(
        DMatrixRMaj weights,
        boolean converged,
        SocStopReason stopReason,
        List<SocIteration> history,
        double initialAbscissa,
        double finalAbscissa,
        double seconds) {

    /**
     * Copies the mutable parts so that the record stays immutable.
     *
     * @param weights the optimised connectivity {@code W}
     * @param converged whether the spectral abscissa reached the target
     * @param stopReason why the run stopped
     * @param history one entry per gradient step, in order
     * @param initialAbscissa {@code alpha(W)} of the start network
     * @param finalAbscissa {@code alpha(W)} of the returned network
     * @param seconds wall-clock duration of the run, in seconds
     */
    public SocResult {
        weights = weights.copy();
        history = List.copyOf(history);
    }

    /** @return a copy of the optimised connectivity */
    @Override
    public DMatrixRMaj weights() {
        return weights.copy();
    }

    /** @return the number of gradient steps taken */
    public int iterations() {
        return history.size();
    }

    /** @return mean wall-clock time per gradient step in milliseconds, 0 when no step was taken */
    public double millisPerIteration() {
        return history.isEmpty() ? 0.0 : 1e3 * seconds / history.size();
    }
}
