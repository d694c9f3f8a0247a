package io.github.neurodyn.linalg;

import io.github.neurodyn.api.NotConvergedException;

/**
 * Francis implicit double-shift QR iteration on an upper Hessenberg matrix, following
 * LAPACK's {@code dlahqr}: it overwrites {@code H} by the real Schur factor {@code T} with
 * standardised 2x2 blocks and updates the transposed Schur vectors {@code zt}.
 *
 * <p>Each sweep chases a 3x3 bulge down the active window with Householder reflectors
 * (Golub and Van Loan, Matrix Computations, 4th ed., algorithm 7.5.1). A subdiagonal entry
 * is set to zero when it is negligible relative to its neighbours (the test of Ahues and
 * Tisseur, LAPACK Working Note 122). After 10 and 20 sweeps without deflation an
 * exceptional shift breaks cycles. Cost: about {@code 25 n^3} flops with Schur vectors,
 * {@code 10 n^3} for eigenvalues only (estimate for two sweeps per eigenvalue).
 */
final class FrancisQr {

    /** Sweeps without deflation after which an exceptional shift is used. */
    private static final int EXCEPTIONAL_SHIFT_PERIOD = 10;

    /** Sweeps allowed per eigenvalue of the active window before giving up. */
    private static final int SWEEPS_PER_EIGENVALUE = 30;

    private static final double EXCEPTIONAL_FACTOR = 0.75;
    private static final double EXCEPTIONAL_OFF_DIAGONAL = -0.4375;

    private FrancisQr() {
    }

    /**
     * Runs the iteration on rows and columns {@code 0..n-1}.
     *
     * @param h rows of the Hessenberg matrix of order {@code n}; overwritten by {@code T} when
     *     {@code wantT}, otherwise left in an intermediate state
     * @param n order
     * @param zt rows of {@code Z^T} to update, or null
     * @param wantT whether the full Schur factor is needed, or only the eigenvalues
     * @param real receives the real parts of the eigenvalues
     * @param imag receives the imaginary parts of the eigenvalues
     * @return the number of QR sweeps performed
     * @throws NotConvergedException if an eigenvalue does not deflate within
     *     {@code 30 max(10, n)} sweeps
     */
    static int iterate(double[][] h, int n, double[][] zt, boolean wantT, double[] real, double[] imag) {
        return iterate(h, n, zt, wantT, real, imag, SWEEPS_PER_EIGENVALUE);
    }

    /**
     * Runs the iteration with a budget of {@code sweepsPerEigenvalue max(10, n)} sweeps for
     * each eigenvalue. The other arguments are those of
     * {@link #iterate(double[][], int, double[][], boolean, double[], double[])}.
     */
    static int iterate(double[][] h, int n, double[][] zt, boolean wantT, double[] real, double[] imag,
            int sweepsPerEigenvalue) {
        if (n == 0) {
            return 0;
        }
        if (n == 1) {
            real[0] = h[0][0];
            imag[0] = 0;
            return 0;
        }
        int ilo = 0;
        int ihi = n - 1;

        // Clear entries below the subdiagonal that rounding may have left.
        for (int j = ilo; j <= ihi - 3; j++) {
            h[j + 2][j] = 0;
            h[j + 3][j] = 0;
        }
        if (ilo <= ihi - 2) {
            h[ihi][ihi - 2] = 0;
        }

        double ulp = SchurKernels.ULP;
        double smallNumber = SchurKernels.SAFE_MIN * (n / ulp);
        int maxSweeps = sweepsPerEigenvalue * Math.max(10, n);
        int i1 = 0;
        int i2 = n - 1;
        int sweepsSinceDeflation = 0;
        int totalSweeps = 0;
        double[] v = new double[3];
        double[] block = new double[SchurKernels.STANDARDIZE_SIZE];

        int i = ihi;
        while (i >= ilo) {
            int l = ilo;
            boolean deflated = false;
            for (int sweep = 0; sweep <= maxSweeps; sweep++) {
                // Find the lowest negligible subdiagonal entry in the active window.
                int k;
                for (k = i; k > l; k--) {
                    double sub = Math.abs(h[k][k - 1]);
                    if (sub <= smallNumber) {
                        break;
                    }
                    double tst = Math.abs(h[k - 1][k - 1]) + Math.abs(h[k][k]);
                    if (tst == 0) {
                        if (k - 2 >= ilo) {
                            tst += Math.abs(h[k - 1][k - 2]);
                        }
                        if (k + 1 <= ihi) {
                            tst += Math.abs(h[k + 1][k]);
                        }
                    }
                    if (sub <= ulp * tst) {
                        double sup = Math.abs(h[k - 1][k]);
                        double ab = Math.max(sub, sup);
                        double ba = Math.min(sub, sup);
                        double hkk = Math.abs(h[k][k]);
                        double gap = Math.abs(h[k - 1][k - 1] - h[k][k]);
                        double aa = Math.max(hkk, gap);
                        double bb = Math.min(hkk, gap);
                        double s = aa + ab;
                        if (ba * (ab / s) <= Math.max(smallNumber, ulp * (bb * (aa / s)))) {
                            break;
                        }
                    }
                }
                l = k;
                if (l > ilo) {
                    h[l][l - 1] = 0;
                }

                // A 1x1 or 2x2 block at the bottom has split off.
                if (l >= i - 1) {
                    deflated = true;
                    break;
                }
                sweepsSinceDeflation++;
                totalSweeps++;
                if (!wantT) {
                    i1 = l;
                    i2 = i;
                }

                // Shifts: eigenvalues of the trailing 2x2 block, or an exceptional shift.
                double h11;
                double h12;
                double h21;
                double h22;
                if (sweepsSinceDeflation % (2 * EXCEPTIONAL_SHIFT_PERIOD) == 0) {
                    double s = Math.abs(h[i][i - 1]) + Math.abs(h[i - 1][i - 2]);
                    h11 = EXCEPTIONAL_FACTOR * s + h[i][i];
                    h12 = EXCEPTIONAL_OFF_DIAGONAL * s;
                    h21 = s;
                    h22 = h11;
                } else if (sweepsSinceDeflation % EXCEPTIONAL_SHIFT_PERIOD == 0) {
                    double s = Math.abs(h[l + 1][l]) + Math.abs(h[l + 2][l + 1]);
                    h11 = EXCEPTIONAL_FACTOR * s + h[l][l];
                    h12 = EXCEPTIONAL_OFF_DIAGONAL * s;
                    h21 = s;
                    h22 = h11;
                } else {
                    h11 = h[i - 1][i - 1];
                    h21 = h[i][i - 1];
                    h12 = h[i - 1][i];
                    h22 = h[i][i];
                }
                double rt1r;
                double rt1i;
                double rt2r;
                double rt2i;
                double s = Math.abs(h11) + Math.abs(h12) + Math.abs(h21) + Math.abs(h22);
                if (s == 0) {
                    rt1r = 0;
                    rt1i = 0;
                    rt2r = 0;
                    rt2i = 0;
                } else {
                    h11 /= s;
                    h21 /= s;
                    h12 /= s;
                    h22 /= s;
                    double tr = (h11 + h22) / 2;
                    double det = (h11 - tr) * (h22 - tr) - h12 * h21;
                    double rtdisc = Math.sqrt(Math.abs(det));
                    if (det >= 0) {
                        // Complex conjugate shifts.
                        rt1r = tr * s;
                        rt2r = rt1r;
                        rt1i = rtdisc * s;
                        rt2i = -rt1i;
                    } else {
                        // Real shifts: use the one closer to h22 twice.
                        rt1r = tr + rtdisc;
                        rt2r = tr - rtdisc;
                        if (Math.abs(rt1r - h22) <= Math.abs(rt2r - h22)) {
                            rt1r *= s;
                            rt2r = rt1r;
                        } else {
                            rt2r *= s;
                            rt1r = rt2r;
                        }
                        rt1i = 0;
                        rt2i = 0;
                    }
                }

                // Start the bulge where two consecutive subdiagonal entries are small.
                int m;
                for (m = i - 2; m >= l; m--) {
                    double h21s = h[m + 1][m];
                    double hmm = h[m][m];
                    s = Math.abs(hmm - rt2r) + Math.abs(rt2i) + Math.abs(h21s);
                    h21s /= s;
                    v[0] = h21s * h[m][m + 1] + (hmm - rt1r) * ((hmm - rt2r) / s) - rt1i * (rt2i / s);
                    v[1] = h21s * (hmm + h[m + 1][m + 1] - rt1r - rt2r);
                    v[2] = h21s * h[m + 2][m + 1];
                    s = Math.abs(v[0]) + Math.abs(v[1]) + Math.abs(v[2]);
                    v[0] /= s;
                    v[1] /= s;
                    v[2] /= s;
                    if (m == l) {
                        break;
                    }
                    double h00 = Math.abs(h[m][m - 1]) * (Math.abs(v[1]) + Math.abs(v[2]));
                    double h01 = Math.abs(v[0])
                            * (Math.abs(h[m - 1][m - 1]) + Math.abs(hmm) + Math.abs(h[m + 1][m + 1]));
                    if (h00 <= ulp * h01) {
                        break;
                    }
                }

                // Chase the bulge from row m to the bottom of the window.
                for (k = m; k <= i - 1; k++) {
                    int nr = Math.min(3, i - k + 1);
                    if (k > m) {
                        for (int r = 0; r < nr; r++) {
                            v[r] = h[k + r][k - 1];
                        }
                    }
                    double t1 = SchurKernels.householder(v, 0, nr);
                    if (k > m) {
                        h[k][k - 1] = v[0];
                        h[k + 1][k - 1] = 0;
                        if (k < i - 1) {
                            h[k + 2][k - 1] = 0;
                        }
                    } else if (m > l) {
                        // Equivalent to negating h(k, k-1), but safe when v[1] and v[2] underflow.
                        h[k][k - 1] *= 1 - t1;
                    }
                    double v2 = v[1];
                    if (nr == 3) {
                        double v3 = v[2];
                        SchurKernels.reflectRows3(h, k, k, i2 + 1, 1, v2, v3, t1);
                        SchurKernels.reflectColumns3(h, k, i1, Math.min(k + 3, i) + 1, 1, v2, v3, t1);
                        if (zt != null) {
                            SchurKernels.reflectRows3(zt, k, 0, n, 1, v2, v3, t1);
                        }
                    } else {
                        reflect2(h, n, k, i1, i2, i, v2, t1, zt);
                    }
                }
            }
            if (!deflated) {
                throw new NotConvergedException(String.format(
                        "QR iteration for the real Schur form failed: eigenvalue %d of %d did not"
                                + " deflate within %d sweeps; the matrix may contain values near"
                                + " overflow or underflow, so try scaling it",
                        i, n, maxSweeps), totalSweeps, Math.abs(h[i][i - 1]));
            }

            if (l == i) {
                // A 1x1 block: one real eigenvalue.
                real[i] = h[i][i];
                imag[i] = 0;
            } else {
                // A 2x2 block: standardise it and apply the rotation to the rest of H and Z.
                int p = i - 1;
                SchurKernels.standardize(h[p][p], h[p][i], h[i][p], h[i][i], block);
                h[p][p] = block[SchurKernels.A];
                h[p][i] = block[SchurKernels.B];
                h[i][p] = block[SchurKernels.C];
                h[i][i] = block[SchurKernels.D];
                real[p] = block[SchurKernels.RT1R];
                imag[p] = block[SchurKernels.RT1I];
                real[i] = block[SchurKernels.RT2R];
                imag[i] = block[SchurKernels.RT2I];
                double cs = block[SchurKernels.CS];
                double sn = block[SchurKernels.SN];
                if (wantT) {
                    if (i2 > i) {
                        SchurKernels.rotateRows(h, p, i, i + 1, i2 + 1, cs, sn);
                    }
                    SchurKernels.rotateColumns(h, p, i, i1, p, cs, sn);
                }
                if (zt != null) {
                    SchurKernels.rotateRows(zt, p, i, 0, n, cs, sn);
                }
            }
            sweepsSinceDeflation = 0;
            i = l - 1;
        }
        return totalSweeps;
    }

    /** Applies a 2-element reflector {@code I - t1 [1; v2] [1; v2]^T} at row and column k. */
    private static void reflect2(double[][] h, int n, int k, int i1, int i2, int i, double v2, double t1,
            double[][] zt) {
        double t2 = t1 * v2;
        double[] x0 = h[k];
        double[] x1 = h[k + 1];
        for (int j = k; j <= i2; j++) {
            double sum = x0[j] + v2 * x1[j];
            x0[j] -= sum * t1;
            x1[j] -= sum * t2;
        }
        for (int j = i1; j <= i; j++) {
            double[] row = h[j];
            double sum = row[k] + v2 * row[k + 1];
            row[k] -= sum * t1;
            row[k + 1] -= sum * t2;
        }
        if (zt != null) {
            double[] z0 = zt[k];
            double[] z1 = zt[k + 1];
            for (int j = 0; j < n; j++) {
                double sum = z0[j] + v2 * z1[j];
                z0[j] -= sum * t1;
                z1[j] -= sum * t2;
            }
        }
    }
}
