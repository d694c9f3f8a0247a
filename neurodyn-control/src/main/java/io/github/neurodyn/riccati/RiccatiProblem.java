package io.github.neurodyn.riccati;

import io.github.neurodyn.api.Arguments;
import io.github.neurodyn.api.NoStabilizingSolutionException;
import org.ejml.data.DMatrixRMaj;

/**
 * An algebraic Riccati equation with its optional descriptor matrix E and cross term S,
 * immutable and validated; {@link #solve()} returns the stabilising solution.
 *
 * <p>Equations, with E = I and S = 0 unless set:
 * <ul>
 *   <li>continuous (CARE):
 *       {@code A^T X E + E^T X A - (E^T X B + S) R^-1 (B^T X E + S^T) + Q = 0},
 *       stabilising when every eigenvalue of the pencil (A - B K, E) has a negative real part;</li>
 *   <li>discrete (DARE):
 *       {@code A^T X A - E^T X E - (A^T X B + S)(R + B^T X B)^-1 (B^T X A + S^T) + Q = 0},
 *       stabilising when every eigenvalue of (A - B K, E) lies inside the unit circle.</li>
 * </ul>
 *
 * <p>Requirements checked on construction: A and E square (n x n) and E nonsingular, B and
 * S of shape n x m, Q symmetric n x n (it may be indefinite), R symmetric m x m, positive
 * definite for the continuous equation and nonsingular for the discrete one, every entry
 * finite. A violation raises {@link IllegalArgumentException} naming the matrix.
 *
 * <p>Example: {@code Riccati.continuous(A, B, Q, R).withE(E).withCrossTerm(S).solve()}.
 */
public final class RiccatiProblem {

    /** Whether the equation belongs to a continuous-time or a discrete-time system. */
    public enum TimeDomain {
        /** Continuous-time algebraic Riccati equation (CARE). */
        CONTINUOUS,
        /** Discrete-time algebraic Riccati equation (DARE). */
        DISCRETE
    }

    /** Allowed asymmetry of Q and R relative to their largest entry. */
    static final double SYMMETRY_TOLERANCE = 1e-10;

    private final TimeDomain domain;
    private final DMatrixRMaj a;
    private final DMatrixRMaj b;
    private final DMatrixRMaj q;
    private final DMatrixRMaj r;
    private final DMatrixRMaj e;
    private final DMatrixRMaj s;
    private final RiccatiMethod method;

    private RiccatiProblem(TimeDomain domain, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj q,
            DMatrixRMaj r, DMatrixRMaj e, DMatrixRMaj s, RiccatiMethod method) {
        this.domain = domain;
        this.a = a;
        this.b = b;
        this.q = q;
        this.r = r;
        this.e = e;
        this.s = s;
        this.method = method;
    }

    static RiccatiProblem of(TimeDomain domain, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj q,
            DMatrixRMaj r) {
        Arguments.requireNonNull(domain, "domain");
        Arguments.requireFinite(Arguments.requireSquare(a, "A"), "A");
        int n = a.numRows;
        Arguments.requireFinite(Arguments.requireNonNull(b, "B"), "B");
        if (b.numRows != n || b.numCols < 1) {
            throw new IllegalArgumentException(String.format(
                    "B must be %d x m with m >= 1 to match A, but is %d x %d", n, b.numRows, b.numCols));
        }
        int m = b.numCols;
        Arguments.requireFinite(Arguments.requireShape(q, n, n, "Q"), "Q");
        Arguments.requireSymmetric(q, SYMMETRY_TOLERANCE, "Q");
        Arguments.requireFinite(Arguments.requireShape(r, m, m, "R"), "R");
        Arguments.requireSymmetric(r, SYMMETRY_TOLERANCE, "R");
        RiccatiProblem problem = new RiccatiProblem(domain, a.copy(), b.copy(), Dense.symmetrize(q),
                Dense.symmetrize(r), null, null, defaultMethod(domain));
        // Rejects an R that the reduction cannot use, before any solve is attempted.
        ReducedEquation.invertWeight(problem.r, domain);
        return problem;
    }

    /**
     * Returns this problem with the descriptor matrix E.
     *
     * @param e nonsingular n x n matrix; null restores E = I
     * @return a new problem
     * @throws IllegalArgumentException if E has the wrong shape, a non-finite entry or is
     *     numerically singular (1-norm condition number above 1/eps)
     */
    public RiccatiProblem withE(DMatrixRMaj e) {
        if (e == null) {
            return new RiccatiProblem(domain, a, b, q, r, null, s, method);
        }
        Arguments.requireFinite(Arguments.requireShape(e, n(), n(), "E"), "E");
        ReducedEquation.invertDescriptor(e);
        return new RiccatiProblem(domain, a, b, q, r, e.copy(), s, method);
    }

    /**
     * Returns this problem with the cross term S.
     *
     * @param s n x m matrix; null restores S = 0
     * @return a new problem
     * @throws IllegalArgumentException if S has the wrong shape or a non-finite entry
     */
    public RiccatiProblem withCrossTerm(DMatrixRMaj s) {
        if (s == null) {
            return new RiccatiProblem(domain, a, b, q, r, e, null, method);
        }
        Arguments.requireFinite(Arguments.requireShape(s, n(), m(), "S"), "S");
        return new RiccatiProblem(domain, a, b, q, r, e, s.copy(), method);
    }

    /**
     * Returns this problem with the algorithm of the first approximation: {@link
     * RiccatiMethod#SCHUR} (the default for the continuous equation) or {@link
     * RiccatiMethod#DOUBLING} (the default, and the only method, for the discrete one).
     *
     * @param method the algorithm
     * @return a new problem
     * @throws IllegalArgumentException if method is null, or SCHUR for the discrete equation
     */
    public RiccatiProblem withMethod(RiccatiMethod method) {
        Arguments.requireNonNull(method, "method");
        if (domain == TimeDomain.DISCRETE && method == RiccatiMethod.SCHUR) {
            throw new IllegalArgumentException("method SCHUR is invalid for the discrete equation, "
                    + "which only DOUBLING solves");
        }
        return new RiccatiProblem(domain, a, b, q, r, e, s, method);
    }

    /** {@return the algorithm of the first approximation} */
    public RiccatiMethod method() {
        return method;
    }

    private static RiccatiMethod defaultMethod(TimeDomain domain) {
        return domain == TimeDomain.CONTINUOUS ? RiccatiMethod.SCHUR : RiccatiMethod.DOUBLING;
    }

    /**
     * Computes the stabilising solution. The equation is reduced to standard form (E = I,
     * S = 0, Q and B R^-1 B^T balanced to equal norms). The continuous equation is solved by
     * the Hamiltonian Schur method, with the doubling algorithm as fallback when the Schur
     * reordering fails. The discrete one is solved by the doubling algorithm. Defect-correction or
     * Newton steps then refine X while they lower the residual, and X is checked to be
     * finite, symmetric and stabilising.
     *
     * <p>Cost: about 25 (2n)^3 flops for the Hamiltonian Schur form, or about 17 n^3 flops per
     * doubling step (typically 5 to 40 steps), plus at most four refinement steps of similar
     * cost; O(n^2) doubles of memory.
     *
     * @return the solution with its diagnostics
     * @throws NoStabilizingSolutionException if the Hamiltonian or symplectic pencil has
     *     eigenvalues on or near the stability boundary, (A, B) is not stabilisable, the
     *     stable-subspace basis is numerically singular, or the computed X is not stabilising
     */
    public RiccatiSolution solve() {
        return RiccatiSolver.solve(this);
    }

    /**
     * Computes the relative residual of a candidate solution:
     * continuous {@code ||res||_F / (||Q||_F + 2 ||A||_F ||E||_F ||X||_F + ||F||_F)} with
     * {@code F = (E^T X B + S) R^-1 (B^T X E + S^T)}; discrete
     * {@code ||res||_F / (||Q||_F + ||A||_F^2 ||X||_F + ||E||_F^2 ||X||_F + ||F||_F)} with
     * {@code F = (A^T X B + S)(R + B^T X B)^-1 (B^T X A + S^T)}; res is the left-hand side
     * of the equation.
     *
     * @param x candidate n x n solution
     * @return the relative residual, or positive infinity when R + B^T X B is singular
     */
    public double relativeResidual(DMatrixRMaj x) {
        Arguments.requireFinite(Arguments.requireShape(x, n(), n(), "X"), "X");
        return Residual.relative(this, x);
    }

    /** {@return whether the equation is continuous or discrete} */
    public TimeDomain domain() {
        return domain;
    }

    /** {@return the number of states n} */
    public int n() {
        return a.numRows;
    }

    /** {@return the number of inputs m} */
    public int m() {
        return b.numCols;
    }

    /** {@return a copy of A} */
    public DMatrixRMaj a() {
        return a.copy();
    }

    /** {@return a copy of B} */
    public DMatrixRMaj b() {
        return b.copy();
    }

    /** {@return a copy of Q} */
    public DMatrixRMaj q() {
        return q.copy();
    }

    /** {@return a copy of R} */
    public DMatrixRMaj r() {
        return r.copy();
    }

    /** {@return a copy of E, or the identity when E is absent} */
    public DMatrixRMaj e() {
        return e == null ? Dense.identity(n()) : e.copy();
    }

    /** {@return a copy of S, or the zero matrix when S is absent} */
    public DMatrixRMaj s() {
        return s == null ? new DMatrixRMaj(n(), m()) : s.copy();
    }

    boolean hasE() {
        return e != null;
    }

    boolean hasCrossTerm() {
        return s != null;
    }

    DMatrixRMaj aView() {
        return a;
    }

    DMatrixRMaj bView() {
        return b;
    }

    DMatrixRMaj qView() {
        return q;
    }

    DMatrixRMaj rView() {
        return r;
    }

    /** Returns E without copying, or null when E = I. */
    DMatrixRMaj eView() {
        return e;
    }

    /** Returns S without copying, or null when S = 0. */
    DMatrixRMaj sView() {
        return s;
    }
}
