package io.github.neurodyn.linalg;

/**
 * Small kernels shared by the Schur decomposition and the block swaps: Householder
 * reflectors, plane rotations and the standardisation of 2x2 blocks.
 *
 * <p>Matrices are row-major {@code double[]} arrays of order {@code n}, entry {@code (i, j)}
 * at {@code i * n + j}. The orthogonal factor is kept transposed ({@code zt = Z^T}), so that
 * an update of columns of {@code Z} runs along contiguous rows of {@code zt}.
 */
final class SchurKernels {

    /** Unit roundoff times the radix, LAPACK's {@code dlamch('P')}. */
    static final double ULP = Math.ulp(1.0);

    /** Smallest normal number, LAPACK's {@code dlamch('S')}. */
    static final double SAFE_MIN = Double.MIN_NORMAL;

    /** Index of each output of {@link #standardize} in its result array. */
    static final int A = 0;
    static final int B = 1;
    static final int C = 2;
    static final int D = 3;
    static final int RT1R = 4;
    static final int RT1I = 5;
    static final int RT2R = 6;
    static final int RT2I = 7;
    static final int CS = 8;
    static final int SN = 9;

    /** Length of the result array of {@link #standardize}. */
    static final int STANDARDIZE_SIZE = 10;

    private static final double SAFE_MIN2 = Math.pow(2, (int) (Math.log(SAFE_MIN / ULP) / Math.log(2) / 2));
    private static final double SAFE_MAX2 = 1 / SAFE_MIN2;

    private SchurKernels() {
    }

    /**
     * Computes the Schur factorisation of a real 2x2 matrix in standard form, as LAPACK's
     * {@code dlanv2}:
     * {@code [[a, b], [c, d]] = [[cs, -sn], [sn, cs]] [[aa, bb], [cc, dd]] [[cs, sn], [-sn, cs]]},
     * where either {@code cc = 0} (real eigenvalues {@code aa}, {@code dd}) or {@code aa = dd}
     * and {@code bb cc < 0} (eigenvalues {@code aa +- sqrt(bb cc)}).
     *
     * <p>Reference: Bai and Demmel, "On swapping diagonal blocks in real Schur form",
     * Linear Algebra Appl. 186 (1993), section 4, and LAPACK 3 {@code dlanv2}.
     *
     * @param a entry (0, 0)
     * @param b entry (0, 1)
     * @param c entry (1, 0)
     * @param d entry (1, 1)
     * @param out receives {@code aa, bb, cc, dd, rt1r, rt1i, rt2r, rt2i, cs, sn} at the
     *     indices {@link #A} to {@link #SN}
     */
    static void standardize(double a, double b, double c, double d, double[] out) {
        double cs;
        double sn;
        if (c == 0) {
            cs = 1;
            sn = 0;
        } else if (b == 0) {
            // Swap rows and columns, which makes the block upper triangular.
            cs = 0;
            sn = 1;
            double temp = d;
            d = a;
            a = temp;
            b = -c;
            c = 0;
        } else if (a - d == 0 && Math.signum(b) != Math.signum(c)) {
            cs = 1;
            sn = 0;
        } else {
            double temp = a - d;
            double p = 0.5 * temp;
            double bcmax = Math.max(Math.abs(b), Math.abs(c));
            double bcmis = Math.min(Math.abs(b), Math.abs(c)) * Math.signum(b) * Math.signum(c);
            double scale = Math.max(Math.abs(p), bcmax);
            double z = (p / scale) * p + (bcmax / scale) * bcmis;
            if (z >= 4 * ULP) {
                // Real eigenvalues: rotate to upper triangular form.
                z = p + Math.copySign(Math.sqrt(scale) * Math.sqrt(z), p);
                a = d + z;
                d = d - (bcmax / z) * bcmis;
                double tau = Math.hypot(c, z);
                cs = z / tau;
                sn = c / tau;
                b = b - c;
                c = 0;
            } else {
                // Complex or nearly equal real eigenvalues: make the diagonal entries equal.
                double sigma = b + c;
                for (int count = 0; count < 20; count++) {
                    double size = Math.max(Math.abs(temp), Math.abs(sigma));
                    if (size >= SAFE_MAX2) {
                        sigma *= SAFE_MIN2;
                        temp *= SAFE_MIN2;
                    } else if (size <= SAFE_MIN2) {
                        sigma *= SAFE_MAX2;
                        temp *= SAFE_MAX2;
                    } else {
                        break;
                    }
                }
                p = 0.5 * temp;
                double tau = Math.hypot(sigma, temp);
                cs = Math.sqrt(0.5 * (1 + Math.abs(sigma) / tau));
                sn = -(p / (tau * cs)) * (sigma >= 0 ? 1 : -1);

                // [aa bb; cc dd] = [a b; c d] [cs -sn; sn cs]
                double aa = a * cs + b * sn;
                double bb = -a * sn + b * cs;
                double cc = c * cs + d * sn;
                double dd = -c * sn + d * cs;

                // [a b; c d] = [cs sn; -sn cs] [aa bb; cc dd]
                a = aa * cs + cc * sn;
                b = bb * cs + dd * sn;
                c = -aa * sn + cc * cs;
                d = -bb * sn + dd * cs;

                temp = 0.5 * (a + d);
                a = temp;
                d = temp;
                if (c != 0) {
                    if (b != 0) {
                        if (Math.signum(b) == Math.signum(c)) {
                            // Real eigenvalues after all: reduce to upper triangular form.
                            double sab = Math.sqrt(Math.abs(b));
                            double sac = Math.sqrt(Math.abs(c));
                            p = Math.copySign(sab * sac, c);
                            tau = 1 / Math.sqrt(Math.abs(b + c));
                            a = temp + p;
                            d = temp - p;
                            b = b - c;
                            c = 0;
                            double cs1 = sab * tau;
                            double sn1 = sac * tau;
                            temp = cs * cs1 - sn * sn1;
                            sn = cs * sn1 + sn * cs1;
                            cs = temp;
                        }
                    } else {
                        b = -c;
                        c = 0;
                        temp = cs;
                        cs = -sn;
                        sn = temp;
                    }
                }
            }
        }
        out[A] = a;
        out[B] = b;
        out[C] = c;
        out[D] = d;
        out[RT1R] = a;
        out[RT2R] = d;
        if (c == 0) {
            out[RT1I] = 0;
            out[RT2I] = 0;
        } else {
            out[RT1I] = Math.sqrt(Math.abs(b)) * Math.sqrt(Math.abs(c));
            out[RT2I] = -out[RT1I];
        }
        out[CS] = cs;
        out[SN] = sn;
    }

    /**
     * Generates a Householder reflector {@code H = I - tau v v^T} with {@code v[0] = 1} such
     * that {@code H [alpha; x] = [beta; 0]}, as LAPACK's {@code dlarfg}. The vector
     * {@code [alpha; x]} is {@code x[offset .. offset + length - 1]}; on return
     * {@code x[offset]} holds {@code beta} and the rest holds {@code v[1..]}.
     *
     * @return {@code tau}, zero when {@code x} below its first entry is already zero
     */
    static double householder(double[] x, int offset, int length) {
        if (length <= 1) {
            return 0;
        }
        double alpha = x[offset];
        double xnorm = norm2(x, offset + 1, length - 1);
        if (xnorm == 0) {
            return 0;
        }
        double beta = -Math.copySign(Math.hypot(alpha, xnorm), alpha);
        double safeMin = SAFE_MIN / ULP;
        int rescaled = 0;
        if (Math.abs(beta) < safeMin) {
            // beta and x are tiny: rescale to keep v accurate.
            double inverse = 1 / safeMin;
            do {
                rescaled++;
                for (int k = offset + 1; k < offset + length; k++) {
                    x[k] *= inverse;
                }
                beta *= inverse;
                alpha *= inverse;
            } while (Math.abs(beta) < safeMin && rescaled < 20);
            xnorm = norm2(x, offset + 1, length - 1);
            beta = -Math.copySign(Math.hypot(alpha, xnorm), alpha);
        }
        double tau = (beta - alpha) / beta;
        double scale = 1 / (alpha - beta);
        for (int k = offset + 1; k < offset + length; k++) {
            x[k] *= scale;
        }
        for (int j = 0; j < rescaled; j++) {
            beta *= safeMin;
        }
        x[offset] = beta;
        return tau;
    }

    /** Returns the Euclidean norm of {@code x[offset .. offset + length - 1]} without overflow. */
    static double norm2(double[] x, int offset, int length) {
        double scale = 0;
        double sumSquares = 1;
        for (int k = offset; k < offset + length; k++) {
            double value = x[k];
            if (value != 0) {
                double absolute = Math.abs(value);
                if (scale < absolute) {
                    double ratio = scale / absolute;
                    sumSquares = 1 + sumSquares * ratio * ratio;
                    scale = absolute;
                } else {
                    double ratio = absolute / scale;
                    sumSquares += ratio * ratio;
                }
            }
        }
        return scale * Math.sqrt(sumSquares);
    }

    /**
     * Applies the rotation {@code x' = cs x + sn y, y' = cs y - sn x} to rows {@code r1} and
     * {@code r2} of a row-major matrix with {@code n} columns, over columns {@code from} to
     * {@code to - 1}.
     */
    static void rotateRows(double[] m, int n, int r1, int r2, int from, int to, double cs, double sn) {
        int o1 = r1 * n;
        int o2 = r2 * n;
        for (int j = from; j < to; j++) {
            double x = m[o1 + j];
            double y = m[o2 + j];
            m[o1 + j] = cs * x + sn * y;
            m[o2 + j] = cs * y - sn * x;
        }
    }

    /**
     * Applies the rotation {@code x' = cs x + sn y, y' = cs y - sn x} to columns {@code c1}
     * and {@code c2} of a row-major matrix with {@code n} columns, over rows {@code from} to
     * {@code to - 1}.
     */
    static void rotateColumns(double[] m, int n, int c1, int c2, int from, int to, double cs, double sn) {
        for (int i = from; i < to; i++) {
            int row = i * n;
            double x = m[row + c1];
            double y = m[row + c2];
            m[row + c1] = cs * x + sn * y;
            m[row + c2] = cs * y - sn * x;
        }
    }

    /**
     * Applies {@code I - tau u u^T} with a 3-vector {@code u} from the left to rows
     * {@code r .. r + 2}, over columns {@code from} to {@code to - 1}.
     */
    static void reflectRows3(double[] m, int n, int r, int from, int to,
            double u0, double u1, double u2, double tau) {
        int o0 = r * n;
        int o1 = o0 + n;
        int o2 = o1 + n;
        double t0 = tau * u0;
        double t1 = tau * u1;
        double t2 = tau * u2;
        for (int j = from; j < to; j++) {
            double sum = u0 * m[o0 + j] + u1 * m[o1 + j] + u2 * m[o2 + j];
            m[o0 + j] -= sum * t0;
            m[o1 + j] -= sum * t1;
            m[o2 + j] -= sum * t2;
        }
    }

    /**
     * Applies {@code I - tau u u^T} with a 3-vector {@code u} from the right to columns
     * {@code c .. c + 2}, over rows {@code from} to {@code to - 1}.
     */
    static void reflectColumns3(double[] m, int n, int c, int from, int to,
            double u0, double u1, double u2, double tau) {
        double t0 = tau * u0;
        double t1 = tau * u1;
        double t2 = tau * u2;
        for (int i = from; i < to; i++) {
            int o = i * n + c;
            double sum = u0 * m[o] + u1 * m[o + 1] + u2 * m[o + 2];
            m[o] -= sum * t0;
            m[o + 1] -= sum * t1;
            m[o + 2] -= sum * t2;
        }
    }

    /**
     * Reads the eigenvalues off the diagonal blocks of a quasi-triangular matrix with
     * standardised 2x2 blocks: a block {@code [[a, b], [c, a]]} gives
     * {@code a + i sqrt(|b| |c|)} then {@code a - i sqrt(|b| |c|)}.
     */
    static void eigenvaluesOf(double[] t, int n, double[] real, double[] imag) {
        int i = 0;
        while (i < n) {
            if (i + 1 < n && t[(i + 1) * n + i] != 0) {
                double omega = Math.sqrt(Math.abs(t[i * n + i + 1])) * Math.sqrt(Math.abs(t[(i + 1) * n + i]));
                real[i] = t[i * n + i];
                real[i + 1] = t[(i + 1) * n + i + 1];
                imag[i] = omega;
                imag[i + 1] = -omega;
                i += 2;
            } else {
                real[i] = t[i * n + i];
                imag[i] = 0;
                i++;
            }
        }
    }
}
