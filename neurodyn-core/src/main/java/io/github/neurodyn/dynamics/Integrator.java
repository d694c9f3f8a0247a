package io.github.neurodyn.dynamics;

/**
 * Integration schemes for {@code tau dx/dt = -x + W phi(x) + h + u(t)}.
 *
 * <p>Fixed-step schemes advance every trial by the same step dt and accept
 * Ornstein-Uhlenbeck input noise, which they hold constant over a step. The adaptive
 * {@link #DORMAND_PRINCE} scheme chooses its own steps and rejects noise.
 */
public enum Integrator {

    /**
     * Forward Euler, x += dt f(t, x): order 1, one drift evaluation per step. With noise it is
     * the Euler-Maruyama scheme for the network driven by the exactly updated OU process.
     */
    EULER(true, 1),

    /** Heun's method (explicit trapezoidal rule): order 2, two drift evaluations per step. */
    HEUN(true, 2),

    /** The classical fourth-order Runge-Kutta method: order 4, four drift evaluations per step. */
    RK4(true, 4),

    /**
     * Exponential Euler: integrates the leak exactly and keeps the recurrent and external input
     * constant over the step, x(t + dt) = e^(-dt/tau) x + (1 - e^(-dt/tau)) (W phi(x) + h + u(t)).
     * Order 1, exact for W = 0 with constant input, and stable for any dt when W = 0.
     */
    EXPONENTIAL_EULER(true, 1),

    /**
     * Exact propagation of a linear network (phi = identity) over each step, with the input
     * u(t) and the noise held at their values at the start of the step:
     * x(t + dt) = e^(A dt) x + A^-1 (e^(A dt) - I) D^-1 (h + u(t)), A = D^-1 (W - I).
     * Exact for constant input whatever dt. Set-up costs a 2N x 2N matrix exponential; a step
     * costs two matrix-vector products. Rejects other nonlinearities and hooks, because
     * it precomputes the propagator from W.
     */
    EXACT_LINEAR(true, 1),

    /**
     * Adaptive Dormand-Prince 5(4) with embedded error estimate, step-size control and the
     * fourth-order continuous extension for sampling (Dormand and Prince, J. Comput. Appl.
     * Math. 6, 1980; Hairer, Norsett and Wanner, Solving Ordinary Differential Equations I,
     * 2nd ed., Springer 1993, section II.5 and II.6). Seven drift evaluations per accepted
     * step, six with the first-same-as-last property.
     */
    DORMAND_PRINCE(false, 5);

    private final boolean fixedStep;
    private final int order;

    Integrator(boolean fixedStep, int order) {
        this.fixedStep = fixedStep;
        this.order = order;
    }

    /**
     * Returns the largest ratio {@code dt / tau} for which the scheme is stable on the leak
     * term {@code dx/dt = -x / tau} alone: the end of its stability interval on the negative
     * real axis, {@code |R(-dt / tau)| <= 1} with R the scheme's stability function. Euler and
     * Heun are stable up to 2 and RK4 up to 2.785. The exponential, exact and adaptive schemes
     * have no such limit and return infinity.
     */
    double leakStabilityLimit() {
        return switch (this) {
            case EULER, HEUN -> 2.0;
            // Real root of 1 + z + z^2/2 + z^3/6 + z^4/24 = 1 other than z = 0.
            case RK4 -> 2.785293563405282;
            case EXPONENTIAL_EULER, EXACT_LINEAR, DORMAND_PRINCE -> Double.POSITIVE_INFINITY;
        };
    }

    /** @return whether the scheme uses the caller's fixed step */
    public boolean isFixedStep() {
        return fixedStep;
    }

    /**
     * Returns the global order of accuracy in dt for smooth problems without noise. For
     * {@link #EXACT_LINEAR} it is 1 because of the input held over a step; with constant input
     * that integrator has no discretisation error.
     *
     * @return the order
     */
    public int order() {
        return order;
    }
}
