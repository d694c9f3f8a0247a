package io.github.neurodyn.api;

/**
 * Raised when a long computation stops because its thread was interrupted. The computation
 * leaves its inputs and the object that ran it as they were before the call, so the caller
 * may run it again.
 *
 * <p>The thread's interrupt flag stays set when this exception is raised: the check reads
 * the flag with {@link Thread#isInterrupted()}, which does not clear it. Code that catches
 * the exception and goes on working should clear the flag itself with
 * {@link Thread#interrupted()}.
 *
 * <p>Long loops call {@link #checkInterrupted(String, long)} every few hundred or thousand
 * iterations, so the check costs one volatile read per check.
 */
public class CancelledException extends NeurodynException {

    private static final long serialVersionUID = 1L;

    /** Steps or iterations that the computation completed before it stopped. */
    private final long completedIterations;

    /**
     * Creates the exception.
     *
     * @param message which computation stopped and where
     * @param completedIterations steps or iterations completed before the computation stopped
     */
    public CancelledException(String message, long completedIterations) {
        super(message);
        this.completedIterations = completedIterations;
    }

    /** @return steps or iterations completed before the computation stopped */
    public long completedIterations() {
        return completedIterations;
    }

    /**
     * Raises a {@code CancelledException} if the current thread is interrupted, and leaves
     * the interrupt flag set.
     *
     * @param computation name of the computation, such as "Simulation.run()", for the message
     * @param completedIterations steps or iterations completed so far
     * @throws CancelledException if the current thread's interrupt flag is set
     */
    public static void checkInterrupted(String computation, long completedIterations) {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancelledException(computation + " was cancelled because its thread was interrupted, after "
                    + completedIterations + " iterations; its inputs are unchanged", completedIterations);
        }
    }
}
