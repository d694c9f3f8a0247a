package io.github.neurodyn.linalg;

/**
 * Small kernels shared by the Schur decomposition and the block swaps: Householder
 * reflectors, plane rotations and the standardisation of 2x2 blocks.
 *
 * <p>Matrices are arrays of rows, {@code m[i][j]} being entry {@code (i, j)}: with each row its
 * own array, C2 vectorises the loops that combine several rows, which it does not do for one
 * flat array indexed at several offsets. The orthogonal factor is kept transposed
 * ({@code zt = Z^T}), so that an update of columns of {@code Z} runs along rows of {@code zt}.
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

    /** Sums of squares above this, and below its inverse, are computed without scaling. */
    private static final double SAFE_SQUARE_MIN = SAFE_MIN / ULP;

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
     * {@code x[offset]} contains {@code beta} and the rest contains {@code v[1..]}.
     *
     * @return {@code tau}, zero when {@code x} below its first entry is already zero
     */
    static double householder(double[] x, int offset, int length) {
        if (length <= 1) {
            return 0;
        }
        double alpha = x[offset];

        // Fast path: plain sums of squares, when they can neither overflow nor lose accuracy
        // to underflow. Math.hypot and the scaled norm cost more than the rest of a small
        // reflector, and the QR sweep builds one per bulge step.
        double sumSquares = 0;
        for (int k = offset + 1; k < offset + length; k++) {
            sumSquares += x[k] * x[k];
        }
        double total = alpha * alpha + sumSquares;
        if (sumSquares > SAFE_SQUARE_MIN && total < 1 / SAFE_SQUARE_MIN) {
            double beta = -Math.copySign(Math.sqrt(total), alpha);
            double scale = 1 / (alpha - beta);
            for (int k = offset + 1; k < offset + length; k++) {
                x[k] *= scale;
            }
            x[offset] = beta;
            return (beta - alpha) / beta;
        }

        // Careful path for tiny or huge entries, as LAPACK's dlarfg.
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

    /**
     * Returns {@code sqrt(a^2 + b^2)}, by a plain square root when the squares cannot overflow
     * or underflow, otherwise by {@link Math#hypot}, which is accurate but much slower.
     */
    static double hypot(double a, double b) {
        double sumSquares = a * a + b * b;
        if (sumSquares > SAFE_SQUARE_MIN && sumSquares < 1 / SAFE_SQUARE_MIN) {
            return Math.sqrt(sumSquares);
        }
        return Math.hypot(a, b);
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
     * {@code r2} over columns {@code from} to {@code to - 1}.
     */
    static void rotateRows(double[][] m, int r1, int r2, int from, int to, double cs, double sn) {
        double[] x = m[r1];
        double[] y = m[r2];
        for (int j = from; j < to; j++) {
            double xj = x[j];
            double yj = y[j];
            x[j] = cs * xj + sn * yj;
            y[j] = cs * yj - sn * xj;
        }
    }

    /**
     * Applies the rotation {@code x' = cs x + sn y, y' = cs y - sn x} to columns {@code c1}
     * and {@code c2} over rows {@code from} to {@code to - 1}.
     */
    static void rotateColumns(double[][] m, int c1, int c2, int from, int to, double cs, double sn) {
        for (int i = from; i < to; i++) {
            double[] row = m[i];
            double x = row[c1];
            double y = row[c2];
            row[c1] = cs * x + sn * y;
            row[c2] = cs * y - sn * x;
        }
    }

    /**
     * Applies {@code I - tau u u^T} with a 3-vector {@code u} from the left to rows
     * {@code r .. r + 2}, over columns {@code from} to {@code to - 1}. The rows are separate
     * arrays, which lets C2 vectorise the loop.
     */
    static void reflectRows3(double[][] m, int r, int from, int to, double u0, double u1, double u2, double tau) {
        double[] x0 = m[r];
        double[] x1 = m[r + 1];
        double[] x2 = m[r + 2];
        double t0 = tau * u0;
        double t1 = tau * u1;
        double t2 = tau * u2;
        for (int j = from; j < to; j++) {
            double sum = u0 * x0[j] + u1 * x1[j] + u2 * x2[j];
            x0[j] -= sum * t0;
            x1[j] -= sum * t1;
            x2[j] -= sum * t2;
        }
    }

    /**
     * Applies {@code I - tau u u^T} with a 3-vector {@code u} from the right to columns
     * {@code c .. c + 2}, over rows {@code from} to {@code to - 1}.
     */
    static void reflectColumns3(double[][] m, int c, int from, int to, double u0, double u1, double u2,
            double tau) {
        double t0 = tau * u0;
        double t1 = tau * u1;
        double t2 = tau * u2;
        for (int i = from; i < to; i++) {
            double[] row = m[i];
            double sum = u0 * row[c] + u1 * row[c + 1] + u2 * row[c + 2];
            row[c] -= sum * t0;
            row[c + 1] -= sum * t1;
            row[c + 2] -= sum * t2;
        }
    }

    /** Copies a row-major array of order {@code n} into one array per row. */
    static double[][] toRows(double[] m, int n) {
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = java.util.Arrays.copyOfRange(m, i * n, i * n + n);
        }
        return rows;
    }

    /** Copies the transpose of a row-major array of order {@code n} into one array per row. */
    static double[][] toTransposedRows(double[] m, int n) {
        double[][] rows = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                rows[j][i] = m[i * n + j];
            }
        }
        return rows;
    }

    /** Copies rows into a new row-major n x n matrix, transposing when {@code transpose}. */
    static org.ejml.data.DMatrixRMaj toMatrix(double[][] rows, boolean transpose) {
        int n = rows.length;
        org.ejml.data.DMatrixRMaj result = new org.ejml.data.DMatrixRMaj(n, n);
        double[] out = result.data;
        for (int i = 0; i < n; i++) {
            double[] row = rows[i];
            if (transpose) {
                for (int j = 0; j < n; j++) {
                    out[j * n + i] = row[j];
                }
            } else {
                System.arraycopy(row, 0, out, i * n, n);
            }
        }
        return result;
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
