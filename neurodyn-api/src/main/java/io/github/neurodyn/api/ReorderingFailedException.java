package io.github.neurodyn.api;

/**
 * Raised when reordering a real Schur form would have to swap two adjacent diagonal blocks
 * whose eigenvalues are so close that the swap cannot be done stably. Such a swap is
 * rejected when the swapped block differs from an exact similarity transform of the original
 * one by more than a small multiple of the unit roundoff times its norm (Bai and Demmel,
 * Linear Algebra Appl. 186, 1993).
 *
 * <p>The Schur form passed in is left unchanged. The swap that failed is described by the
 * row of its upper block, the orders of both blocks and the measured error.
 */
public class ReorderingFailedException extends NeurodynException {

    private static final long serialVersionUID = 1L;

    /** Zero-based row of the upper of the two blocks that could not be swapped. */
    private final int blockRow;
    /** Measured error of the tentative swap, in the units of the matrix entries. */
    private final double error;
    /** Largest error that the swap test accepts. */
    private final double threshold;

    /**
     * Creates the exception.
     *
     * @param blockRow zero-based row of the upper of the two blocks that could not be swapped
     * @param upperOrder order (1 or 2) of the upper block
     * @param lowerOrder order (1 or 2) of the lower block
     * @param error measured error of the tentative swap, in the units of the matrix entries
     * @param threshold largest error that would have been accepted
     */
    public ReorderingFailedException(int blockRow, int upperOrder, int lowerOrder, double error,
            double threshold) {
        super(String.format(
                "swapping the %dx%d block at row %d with the %dx%d block below it failed: error %.3e"
                        + " exceeds the threshold %.3e because their eigenvalues are too close;"
                        + " select a set of eigenvalues that is well separated from the rest",
                upperOrder, upperOrder, blockRow, lowerOrder, lowerOrder, error, threshold));
        this.blockRow = blockRow;
        this.error = error;
        this.threshold = threshold;
    }

    /** @return zero-based row of the upper of the two blocks that could not be swapped */
    public int blockRow() {
        return blockRow;
    }

    /** @return measured error of the rejected swap */
    public double error() {
        return error;
    }

    /** @return largest error that would have been accepted */
    public double threshold() {
        return threshold;
    }
}
