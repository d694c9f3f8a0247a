package io.github.neurodyn.riccati;

/** Algorithm that computes the first approximation of a Riccati solution before refinement. */
public enum RiccatiMethod {

    /**
     * Ordered real Schur form of the Hamiltonian (Laub, IEEE Trans. Automat. Control 24(6),
     * 1979); continuous equation only. About 25 (2n)^3 flops.
     */
    SCHUR,

    /**
     * Structure-preserving doubling algorithm (Chu, Fan, Lin and Wang, Int. J. Control 77(8),
     * 2004), applied to the continuous equation after a Cayley transform (Chu, Fan and Lin,
     * Linear Algebra Appl. 396, 2005). It needs only LU solves, about 17 n^3 flops per
     * doubling step, and usually 5 to 40 steps. The error decays like rho^(2^k), with rho
     * the spectral radius of the (transformed) closed loop.
     */
    DOUBLING
}
