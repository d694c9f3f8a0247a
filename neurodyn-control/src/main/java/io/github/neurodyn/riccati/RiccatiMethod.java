package io.github.neurodyn.riccati;

/** Algorithm that computes the first approximation of a Riccati solution before refinement. */
public enum RiccatiMethod {

    /**
     * Ordered real Schur form of the Hamiltonian (Laub, IEEE Trans. Automat. Control 24(6),
     * 1979); continuous equation only. About 25 (2n)^3 flops.
     */
    SCHUR,

    /**
     * Structure-preserving doubling algorithm (Chu, Fan and Lin, Linear Algebra Appl. 396,
     * 2005; for the continuous equation after a Cayley transform, Chu, Fan, Lin and Wang,
     * J. Phys. A 37, 2004). Needs only LU solves, about 6 n^3 flops per doubling step and
     * usually 5 to 40 steps; it converges quadratically once the closed-loop spectrum is
     * mapped away from the unit circle.
     */
    DOUBLING
}
