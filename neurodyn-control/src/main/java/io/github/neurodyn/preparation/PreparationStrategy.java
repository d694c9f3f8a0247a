package io.github.neurodyn.preparation;

/**
 * Rule that chooses the preparatory input during the window before the go cue. Every strategy
 * delivers the static input u_ff that makes the prepared state x* a fixed point. The
 * strategies differ in the feedback v added through the input matrix B.
 */
public enum PreparationStrategy {

    /**
     * Time-varying LQR over the window: v = -K(t) (x - x*), K from the Riccati differential
     * equation with running cost Q_C, input cost lambda I and terminal cost Q_C.
     */
    OPTIMAL,

    /** Constant LQR gain from the algebraic Riccati equation with state cost Q_C. */
    OPTIMAL_STEADY_STATE,

    /** No feedback: v = 0, so the network is driven by u_ff alone. */
    NAIVE,

    /**
     * Constant full-state LQR gain with state cost Q = I (trace N, like Q_C), which weights
     * every direction of the error equally instead of by its effect on the movement.
     */
    IDENTITY_COST
}
