package io.github.neurodyn.plasticity;

import io.github.neurodyn.linalg.Eigenvalues;

/**
 * Stability of a rate network and of its excitatory subnetwork at an operating point x*,
 * as computed by {@link InhibitionStabilisation#analyse}.
 *
 * <p>Both abscissas are those of the effective connectivity W diag(phi'(x*)), so 1 is the
 * stability boundary: the Jacobian J = -I + W diag(phi'(x*)) is stable when
 * {@code abscissa < 1}. An inhibition-stabilised network has a stable J and an unstable
 * excitatory block -I + W_EE diag(phi'_E(x*)).
 *
 * @param abscissa max Re lambda(W diag(phi'(x*)))
 * @param excitatoryAbscissa max Re lambda(W_EE diag(phi'_E(x*))), the excitatory block
 * @param eigenvalues the eigenvalues of W diag(phi'(x*))
 * @param activeFraction the fraction of neurons with phi'(x*_i) &gt; 0
 */
public record IsnDiagnostics(double abscissa, double excitatoryAbscissa, Eigenvalues eigenvalues,
        double activeFraction) {

    /** @return max Re lambda(J) = abscissa - 1, in units of 1/tau */
    public double jacobianAbscissa() {
        return abscissa - 1.0;
    }

    /** @return whether the operating point is linearly stable, abscissa &lt; 1 */
    public boolean stable() {
        return abscissa < 1.0;
    }

    /** @return whether the excitatory subnetwork alone is unstable, excitatory abscissa &gt; 1 */
    public boolean excitatoryBlockUnstable() {
        return excitatoryAbscissa > 1.0;
    }

    /** @return whether the network is inhibition-stabilised: stable with an unstable excitatory block */
    public boolean inhibitionStabilised() {
        return stable() && excitatoryBlockUnstable();
    }
}
