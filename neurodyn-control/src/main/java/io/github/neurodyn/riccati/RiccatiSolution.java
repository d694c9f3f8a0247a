package io.github.neurodyn.riccati;

import org.ejml.data.DMatrixRMaj;

/**
 * Stabilising solution of an algebraic Riccati equation with its feedback gain and the
 * diagnostics of the solve. The matrices are fresh copies owned by the record.
 *
 * @param x the symmetric stabilising solution X (n x n)
 * @param gain the feedback gain K (m x n) of the control law u = -K x; continuous:
 *     {@code K = R^-1 (B^T X E + S^T)}, discrete: {@code K = (R + B^T X B)^-1 (B^T X A + S^T)}
 * @param closedLoopReal real parts of the eigenvalues of the pencil (A - B K, E)
 * @param closedLoopImag imaginary parts of the same eigenvalues, in the same order
 * @param stabilityMargin distance of the closed-loop spectrum from the stability boundary,
 *     positive for every returned solution: {@code -max Re lambda} for the continuous
 *     equation (1/s), {@code 1 - max |lambda|} for the discrete one
 * @param relativeResidual relative residual of X in the original equation, normalised as
 *     documented in {@link RiccatiProblem#relativeResidual(DMatrixRMaj)}
 * @param method algorithm of the first approximation
 * @param iterations doubling steps of the first approximation
 * @param refinementSteps accepted refinement steps (defect correction or Newton) after the
 *     first approximation
 */
public record RiccatiSolution(DMatrixRMaj x, DMatrixRMaj gain, double[] closedLoopReal,
        double[] closedLoopImag, double stabilityMargin, double relativeResidual,
        RiccatiMethod method, int iterations, int refinementSteps) {

    /**
     * Copies the arrays so that the record cannot be changed through them.
     *
     * @param x the symmetric stabilising solution X (n x n)
     * @param gain the feedback gain K (m x n) of the control law u = -K x; continuous:
     *     {@code K = R^-1 (B^T X E + S^T)}, discrete: {@code K = (R + B^T X B)^-1 (B^T X A + S^T)}
     * @param closedLoopReal real parts of the eigenvalues of the pencil (A - B K, E)
     * @param closedLoopImag imaginary parts of the same eigenvalues, in the same order
     * @param stabilityMargin distance of the closed-loop spectrum from the stability boundary,
     *     positive for every returned solution: {@code -max Re lambda} for the continuous
     *     equation (1/s), {@code 1 - max |lambda|} for the discrete one
     * @param relativeResidual relative residual of X in the original equation, normalised as
     *     documented in {@link RiccatiProblem#relativeResidual(DMatrixRMaj)}
     * @param method algorithm of the first approximation
     * @param iterations doubling steps of the first approximation
     * @param refinementSteps accepted refinement steps (defect correction or Newton) after the
     *     first approximation
     */
    public RiccatiSolution {
        x = x.copy();
        gain = gain.copy();
        closedLoopReal = closedLoopReal.clone();
        closedLoopImag = closedLoopImag.clone();
    }

    /** {@return a copy of X} */
    @Override
    public DMatrixRMaj x() {
        return x.copy();
    }

    /** {@return a copy of the gain K} */
    @Override
    public DMatrixRMaj gain() {
        return gain.copy();
    }

    /** {@return a copy of the real parts of the closed-loop eigenvalues} */
    @Override
    public double[] closedLoopReal() {
        return closedLoopReal.clone();
    }

    /** {@return a copy of the imaginary parts of the closed-loop eigenvalues} */
    @Override
    public double[] closedLoopImag() {
        return closedLoopImag.clone();
    }
}
