package io.github.neurodyn.linalg;

import io.github.neurodyn.api.Arguments;
import io.github.neurodyn.api.NeurodynException;
import io.github.neurodyn.api.SingularEquationException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matrix exponential {@code exp(A) = sum_k A^k / k!} by scaling and squaring with diagonal
 * Pade approximants (Higham, "The scaling and squaring method for the matrix exponential
 * revisited", SIAM J. Matrix Anal. Appl. 26(4), 2005, 1179-1193, algorithm 2.3).
 *
 * <p>The Pade degree {@code m} is the smallest of 3, 5, 7, 9 whose bound {@code theta_m}
 * covers {@code ||A||_1}. Otherwise {@code m = 13} and {@code A} is divided by
 * {@code 2^s} so that {@code ||A / 2^s||_1 <= theta_13}, and the result is squared {@code s}
 * times. The bounds guarantee a backward error of at most the unit roundoff in exact
 * arithmetic. Cost: {@code pi_m + s} matrix products ({@code pi_m} = 2, 3, 4, 5, 6 for
 * {@code m} = 3, 5, 7, 9, 13) and one LU solve with {@code n} right-hand sides, so about
 * {@code (2 (pi_m + s) + 8/3) n^3} flops.
 *
 * <p>Limitations: the degree is chosen from {@code ||A||_1} alone, not from the norms of
 * powers of {@code A} as in the 2009 refinement by Al-Mohy and Higham, so strongly
 * nonnormal matrices may be squared more often than necessary, which can cost accuracy.
 */
public final class MatrixExponential {

    private static final Logger LOG = LoggerFactory.getLogger(MatrixExponential.class);

    /** Degrees of the Pade approximants, smallest first. */
    private static final int[] DEGREES = {3, 5, 7, 9, 13};

    /** Largest ||A||_1 for which each degree meets the unit roundoff (Higham 2005, table 2.3). */
    private static final double[] THETA = {
        1.495585217958292e-2, 2.539398330063230e-1, 9.504178996162932e-1, 2.097847961257068e0,
        5.371920351148152e0,
    };

    /** Coefficients b_0..b_m of the Pade numerator of each degree (Higham 2005, section 2). */
    private static final double[][] COEFFICIENTS = {
        {120, 60, 12, 1},
        {30240, 15120, 3360, 420, 30, 1},
        {17297280, 8648640, 1995840, 277200, 25200, 1512, 56, 1},
        {17643225600.0, 8821612800.0, 2075673600, 302702400, 30270240, 2162160, 110880, 3960, 90, 1},
        {64764752532480000.0, 32382376266240000.0, 7771770303897600.0, 1187353796428800.0,
            129060195264000.0, 10559470521600.0, 670442572800.0, 33522128640.0, 1323241920, 40840800,
            960960, 16380, 182, 1},
    };

    private MatrixExponential() {
    }

    /**
     * Computes {@code exp(A)}.
     *
     * @param a square matrix with finite entries; not modified
     * @return a new matrix holding {@code exp(A)}
     * @throws IllegalArgumentException if {@code a} is null, not square or has a NaN or
     *     infinite entry
     * @throws NeurodynException if {@code exp(A)} overflows (for example when {@code A} has an
     *     eigenvalue with real part above about 709)
     */
    public static DMatrixRMaj of(DMatrixRMaj a) {
        Arguments.requireSquare(a, "a");
        return compute(a.copy(), "exp(a)");
    }

    /**
     * Computes {@code exp(A t)}, the propagator of {@code dx/dt = A x} over a time {@code t}.
     *
     * @param a square matrix with finite entries, in units of 1/time; not modified
     * @param t time, in the units that {@code a} is the inverse of (for example seconds);
     *     negative values give the backward propagator
     * @return a new matrix holding {@code exp(A t)}
     * @throws IllegalArgumentException if {@code a} is null, not square or not finite, or
     *     {@code t} is NaN or infinite
     * @throws NeurodynException if {@code exp(A t)} overflows
     */
    public static DMatrixRMaj of(DMatrixRMaj a, double t) {
        Arguments.requireSquare(a, "a");
        Arguments.requireFinite(t, "t");
        DMatrixRMaj scaled = a.copy();
        CommonOps_DDRM.scale(t, scaled);
        Arguments.requireFinite(scaled, "a t");
        return compute(scaled, "exp(a t)");
    }

    /** Runs algorithm 2.3 on {@code a}, which it may overwrite. */
    private static DMatrixRMaj compute(DMatrixRMaj a, String label) {
        int n = a.numRows;
        DMatrixRMaj identity = CommonOps_DDRM.identity(n);
        if (n == 0) {
            return identity;
        }
        double norm = NormOps_DDRM.normP1(a);

        // Low degrees: no scaling needed.
        for (int k = 0; k < DEGREES.length - 1; k++) {
            if (norm <= THETA[k]) {
                LOG.debug("matrix exponential of order {}: Pade degree {}, no squaring", n, DEGREES[k]);
                return checked(lowDegree(a, COEFFICIENTS[k], identity), label);
            }
        }

        // Degree 13 after scaling A by 2^-s.
        int s = (int) Math.max(0, Math.ceil(Math.log(norm / THETA[4]) / Math.log(2)));
        if (s > 0) {
            CommonOps_DDRM.scale(Math.scalb(1.0, -s), a);
        }
        LOG.debug("matrix exponential of order {}: Pade degree 13, {} squarings", n, s);
        DMatrixRMaj result = degree13(a, identity);

        // Undo the scaling by repeated squaring.
        DMatrixRMaj work = new DMatrixRMaj(n, n);
        for (int k = 0; k < s; k++) {
            CommonOps_DDRM.mult(result, result, work);
            DMatrixRMaj swap = result;
            result = work;
            work = swap;
        }
        return checked(result, label);
    }

    /** Evaluates the Pade approximant of degree 3, 5, 7 or 9 with coefficients {@code b}. */
    private static DMatrixRMaj lowDegree(DMatrixRMaj a, double[] b, DMatrixRMaj identity) {
        int n = a.numRows;
        DMatrixRMaj a2 = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(a, a, a2);

        // Even powers I, A^2, A^4, ... weighted into u (odd part before the factor A) and v.
        DMatrixRMaj power = identity.copy();
        DMatrixRMaj u = new DMatrixRMaj(n, n);
        DMatrixRMaj v = new DMatrixRMaj(n, n);
        DMatrixRMaj next = new DMatrixRMaj(n, n);
        for (int j = 0; 2 * j < b.length; j++) {
            if (j > 0) {
                CommonOps_DDRM.mult(power, a2, next);
                DMatrixRMaj swap = power;
                power = next;
                next = swap;
            }
            CommonOps_DDRM.addEquals(v, b[2 * j], power);
            if (2 * j + 1 < b.length) {
                CommonOps_DDRM.addEquals(u, b[2 * j + 1], power);
            }
        }
        DMatrixRMaj au = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(a, u, au);
        return solvePade(au, v);
    }

    /** Evaluates the degree-13 Pade approximant with the grouping of Higham (2005), eq. (2.21). */
    private static DMatrixRMaj degree13(DMatrixRMaj a, DMatrixRMaj identity) {
        int n = a.numRows;
        double[] b = COEFFICIENTS[4];
        DMatrixRMaj a2 = new DMatrixRMaj(n, n);
        DMatrixRMaj a4 = new DMatrixRMaj(n, n);
        DMatrixRMaj a6 = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(a, a, a2);
        CommonOps_DDRM.mult(a2, a2, a4);
        CommonOps_DDRM.mult(a4, a2, a6);

        // U = A [A6 (b13 A6 + b11 A4 + b9 A2) + b7 A6 + b5 A4 + b3 A2 + b1 I].
        DMatrixRMaj inner = combine(b[13], a6, b[11], a4, b[9], a2, 0, identity);
        DMatrixRMaj outer = combine(b[7], a6, b[5], a4, b[3], a2, b[1], identity);
        DMatrixRMaj product = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(a6, inner, product);
        CommonOps_DDRM.addEquals(outer, product);
        DMatrixRMaj u = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(a, outer, u);

        // V = A6 (b12 A6 + b10 A4 + b8 A2) + b6 A6 + b4 A4 + b2 A2 + b0 I.
        inner = combine(b[12], a6, b[10], a4, b[8], a2, 0, identity);
        DMatrixRMaj v = combine(b[6], a6, b[4], a4, b[2], a2, b[0], identity);
        CommonOps_DDRM.mult(a6, inner, product);
        CommonOps_DDRM.addEquals(v, product);
        return solvePade(u, v);
    }

    /** Returns {@code c6 A6 + c4 A4 + c2 A2 + c0 I}. */
    private static DMatrixRMaj combine(double c6, DMatrixRMaj a6, double c4, DMatrixRMaj a4, double c2,
            DMatrixRMaj a2, double c0, DMatrixRMaj identity) {
        DMatrixRMaj sum = new DMatrixRMaj(a6.numRows, a6.numCols);
        CommonOps_DDRM.addEquals(sum, c6, a6);
        CommonOps_DDRM.addEquals(sum, c4, a4);
        CommonOps_DDRM.addEquals(sum, c2, a2);
        if (c0 != 0) {
            CommonOps_DDRM.addEquals(sum, c0, identity);
        }
        return sum;
    }

    /** Solves {@code (V - U) R = V + U} for the Pade approximant {@code R} by LU. */
    private static DMatrixRMaj solvePade(DMatrixRMaj u, DMatrixRMaj v) {
        int n = u.numRows;
        DMatrixRMaj denominator = new DMatrixRMaj(n, n);
        DMatrixRMaj numerator = new DMatrixRMaj(n, n);
        CommonOps_DDRM.subtract(v, u, denominator);
        CommonOps_DDRM.add(v, u, numerator);
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.lu(n);
        if (!solver.setA(denominator)) {
            throw new SingularEquationException(
                    "matrix exponential failed: the Pade denominator V - U is singular to working precision");
        }
        DMatrixRMaj result = new DMatrixRMaj(n, n);
        solver.solve(numerator, result);
        return result;
    }

    /** Returns {@code m} after checking that every entry is finite. */
    private static DMatrixRMaj checked(DMatrixRMaj m, String label) {
        for (int k = 0; k < m.getNumElements(); k++) {
            if (!Double.isFinite(m.data[k])) {
                throw new NeurodynException(label + " overflowed: entry " + k / m.numCols + ", "
                        + k % m.numCols + " is " + m.data[k]
                        + "; the largest eigenvalue real part is too large for double precision");
            }
        }
        return m;
    }
}
