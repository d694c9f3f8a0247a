package io.github.neurodyn.dynamics;

import io.github.neurodyn.api.Arguments;
import org.ejml.data.DMatrixRMaj;

/**
 * Specification of Ornstein-Uhlenbeck input noise eta(t) in R^M that enters the network as
 * {@code tau dx/dt = -x + W phi(x) + h + u(t) + M eta(t)}, where each component obeys
 * <pre>
 *     tau_eta d eta = -eta dt + sigma sqrt(2 tau_eta) dB(t)
 * </pre>
 * with B a standard Brownian motion. The stationary law of each component is normal with mean
 * 0 and variance sigma^2 and the autocorrelation is sigma^2 exp(-|s|/tau_eta). Simulations
 * start eta from that stationary law and update it exactly over a step of length dt:
 * eta(t + dt) = a eta(t) + sigma sqrt(1 - a^2) xi with a = exp(-dt/tau_eta) and xi standard
 * normal (Gillespie, Phys. Rev. E 54, 1996).
 *
 * @param timeConstantSeconds tau_eta, in seconds, positive
 * @param amplitude sigma, the stationary standard deviation of each component, in the units
 *     of the state; non-negative
 * @param mixing the N x M matrix M, or null for M = I (then M = N)
 */
public record OrnsteinUhlenbeckNoise(double timeConstantSeconds, double amplitude, DMatrixRMaj mixing) {

    /**
     * Validates the parameters and copies the mixing matrix.
     *
     * @param timeConstantSeconds tau_eta, in seconds, positive
     * @param amplitude sigma, the stationary standard deviation of each component, in the units
     *     of the state; non-negative
     * @param mixing the N x M matrix M, or null for M = I (then M = N)
     *
     * @throws IllegalArgumentException if tau_eta is not positive, sigma is negative, a value
     *     is not finite, or the mixing matrix has no columns
     */
    public OrnsteinUhlenbeckNoise {
        Arguments.requirePositive(timeConstantSeconds, "timeConstantSeconds");
        Arguments.requireNonNegative(amplitude, "amplitude");
        if (mixing != null) {
            Arguments.requireFinite(mixing, "mixing");
            Arguments.requireAtLeast(mixing.numCols, 1, "mixing.numCols");
            mixing = mixing.copy();
        }
    }

    /**
     * Returns independent noise on every neuron (M = I).
     *
     * @param timeConstantSeconds tau_eta, in seconds
     * @param amplitude sigma, the stationary standard deviation
     * @return the specification
     */
    public static OrnsteinUhlenbeckNoise independent(double timeConstantSeconds, double amplitude) {
        return new OrnsteinUhlenbeckNoise(timeConstantSeconds, amplitude, null);
    }

    /**
     * Returns noise from M sources mixed into the neurons by an N x M matrix.
     *
     * @param timeConstantSeconds tau_eta, in seconds
     * @param amplitude sigma, the stationary standard deviation of each source
     * @param mixing N x M, copied
     * @return the specification
     */
    public static OrnsteinUhlenbeckNoise mixed(double timeConstantSeconds, double amplitude, DMatrixRMaj mixing) {
        Arguments.requireNonNull(mixing, "mixing");
        return new OrnsteinUhlenbeckNoise(timeConstantSeconds, amplitude, mixing);
    }

    /** @return a copy of the mixing matrix, or null for the identity */
    @Override
    public DMatrixRMaj mixing() {
        return mixing == null ? null : mixing.copy();
    }
}
