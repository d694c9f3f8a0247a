package io.github.neurodyn.riccati;

import io.github.neurodyn.api.NoStabilizingSolutionException;
import org.ejml.data.DMatrixRMaj;

/** Builds the exception for a Riccati equation whose doubling iteration failed. */
final class Diagnosis {

    private Diagnosis() {
    }

    static NoStabilizingSolutionException failure(ReducedEquation reduced, DoublingAlgorithm.Outcome outcome) {
        String summary = String.format("no stabilising solution: the doubling iteration failed after %d "
                + "steps because %s", outcome.iterations(), outcome.failure());
        if (reduced.domain == RiccatiProblem.TimeDomain.DISCRETE) {
            return new NoStabilizingSolutionException(summary + "; the symplectic pencil has eigenvalues "
                    + "on or near the unit circle or (A, B) is not stabilisable");
        }
        double distance = hamiltonianAxisDistance(reduced);
        return new NoStabilizingSolutionException(String.format("%s; the Hamiltonian eigenvalue closest "
                + "to the imaginary axis has |Re| = %.3e (relative %.3e); a value near zero means "
                + "eigenvalues on the imaginary axis, otherwise (A, B) is not stabilisable",
                summary, distance, distance / Math.max(Double.MIN_NORMAL, hamiltonianNorm(reduced))));
    }

    /** Returns the smallest |Re lambda| over the eigenvalues of [A, -G; -Q, -A^T]. */
    static double hamiltonianAxisDistance(ReducedEquation reduced) {
        DMatrixRMaj h = hamiltonian(reduced);
        int size = h.numRows;
        double[] real = new double[size];
        double[] imag = new double[size];
        ClosedLoop.eigenvalues(h, real, imag);
        double smallest = Double.POSITIVE_INFINITY;
        for (double re : real) {
            smallest = Math.min(smallest, Math.abs(re));
        }
        return smallest;
    }

    private static double hamiltonianNorm(ReducedEquation reduced) {
        return Dense.normF(hamiltonian(reduced));
    }

    private static DMatrixRMaj hamiltonian(ReducedEquation reduced) {
        return HamiltonianSchur.hamiltonian(reduced.a, reduced.g, reduced.q);
    }
}
