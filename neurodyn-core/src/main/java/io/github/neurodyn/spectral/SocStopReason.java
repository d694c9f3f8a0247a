package io.github.neurodyn.spectral;

/** Why the stability optimiser stopped. */
public enum SocStopReason {
    /** The spectral abscissa reached the target. */
    TARGET_REACHED,
    /** The iteration cap was hit before the target. */
    ITERATION_CAP,
    /** A listener asked to stop. */
    LISTENER,
    /** The running thread was interrupted; its interrupt flag stays set. */
    INTERRUPTED
}
