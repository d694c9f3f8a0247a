package io.github.neurodyn.linalg;

/**
 * Predicate that chooses the eigenvalues {@link RealSchur#reorder} moves to the leading
 * block of a real Schur form.
 *
 * <p>A complex conjugate pair is selected or rejected as a unit: the selector is called once
 * per pair, with the member whose imaginary part is positive. Real eigenvalues are passed
 * with {@code im == 0}.
 */
@FunctionalInterface
public interface EigenvalueSelector {

    /**
     * Decides whether an eigenvalue belongs to the leading block.
     *
     * @param re real part of the eigenvalue
     * @param im imaginary part, {@code 0} for a real eigenvalue and positive for a pair
     * @return {@code true} to move the eigenvalue (or pair) to the leading block
     */
    boolean select(double re, double im);
}
