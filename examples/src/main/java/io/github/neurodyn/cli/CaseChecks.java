package io.github.neurodyn.cli;

import org.ejml.data.Complex_F64;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Independent checks of a computed solution X of a matrix-equation case: the relative
 * residual as the case format defines it, symmetry, and for Riccati equations whether X is
 * stabilising. The checks use only EJML, not the solvers under test.
 */
final class CaseChecks {

    /** Machine epsilon of double precision. */
    private static final double EPS = Math.ulp(1.0);

    private CaseChecks() {
    }

    /**
     * Returns the relative residual of X for the case's equation (E = I and S = 0 when absent):
     * <ul>
     *   <li>lyap: ||A X E^T + E X A^T + Q|| / (2 ||A|| ||E|| ||X|| + ||Q||)</li>
     *   <li>dlyap: ||A X A^T - E X E^T + Q|| / (||A||^2 ||X|| + ||E||^2 ||X|| + ||Q||)</li>
     *   <li>care: ||A^T X E + E^T X A - G + Q|| / (||Q|| + 2 ||A|| ||E|| ||X|| + ||G||),
     *       G = (E^T X B + S) R^-1 (B^T X E + S^T)</li>
     *   <li>dare: ||A^T X A - E^T X E - G + Q|| / (||Q|| + ||A||^2 ||X|| + ||E||^2 ||X|| + ||G||),
     *       G = (A^T X B + S)(R + B^T X B)^-1 (B^T X A + S^T)</li>
     * </ul>
     * All norms are Frobenius norms.
     */
    static double relativeResidual(MatrixCase c, DMatrixRMaj x) {
        int n = c.a().numRows;
        DMatrixRMaj a = c.a();
        DMatrixRMaj e = c.e() != null ? c.e() : CommonOps_DDRM.identity(n);
        double na = norm(a);
        double ne = norm(e);
        double nx = norm(x);
        double nq = norm(c.q());
        switch (c.kind()) {
            case "lyap": {
                DMatrixRMaj axe = product(a, x, e, false, true);
                DMatrixRMaj res = add(add(axe, transpose(axe)), c.q());
                return norm(res) / (2 * na * ne * nx + nq);
            }
            case "dlyap": {
                DMatrixRMaj res = add(subtract(product(a, x, a, false, true), product(e, x, e, false, true)), c.q());
                return norm(res) / (na * na * nx + ne * ne * nx + nq);
            }
            case "care": {
                DMatrixRMaj atxe = product(a, x, e, true, false);
                DMatrixRMaj g = careCoupling(c, x, e);
                DMatrixRMaj res = add(subtract(add(atxe, transpose(atxe)), g), c.q());
                return norm(res) / (nq + 2 * na * ne * nx + norm(g));
            }
            case "dare": {
                DMatrixRMaj g = dareCoupling(c, x);
                DMatrixRMaj res = add(subtract(subtract(product(a, x, a, true, false),
                        product(e, x, e, true, false)), g), c.q());
                return norm(res) / (nq + na * na * nx + ne * ne * nx + norm(g));
            }
            default:
                throw new IllegalArgumentException("unknown kind " + c.kind());
        }
    }

    /** Returns ||X - X_ref||_F / ||X_ref||_F, or NaN when the case stores no X. */
    static double relativeForwardError(MatrixCase c, DMatrixRMaj x) {
        if (c.x() == null || c.x().numRows != x.numRows || c.x().numCols != x.numCols) {
            return Double.NaN;
        }
        return norm(subtract(x, c.x())) / norm(c.x());
    }

    /** Tells whether ||X - X^T||_F <= 10 n eps ||X||_F. */
    static boolean isSymmetric(DMatrixRMaj x) {
        return norm(subtract(x, transpose(x))) <= 10 * Math.max(1, x.numRows) * EPS * norm(x);
    }

    /**
     * Tells whether X is stabilising: for care every eigenvalue of (A - B K, E) has negative real
     * part, for dare every one lies inside the unit circle. Lyapunov kinds return true.
     */
    static boolean isStabilising(MatrixCase c, DMatrixRMaj x) {
        if (!c.kind().equals("care") && !c.kind().equals("dare")) {
            return true;
        }
        int n = c.a().numRows;
        DMatrixRMaj e = c.e() != null ? c.e() : CommonOps_DDRM.identity(n);
        DMatrixRMaj gain = c.kind().equals("care") ? careGain(c, x, e) : dareGain(c, x);
        DMatrixRMaj closed = subtract(c.a(), mult(c.b(), gain));
        DMatrixRMaj pencil = new DMatrixRMaj(n, n);
        DMatrixRMaj eCopy = e.copy();
        if (!CommonOps_DDRM.solve(eCopy, closed, pencil)) {
            return false;
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false);
        if (!eig.decompose(pencil)) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            Complex_F64 lambda = eig.getEigenvalue(i);
            boolean stable = c.kind().equals("care") ? lambda.real < 0 : lambda.getMagnitude() < 1;
            if (!stable) {
                return false;
            }
        }
        return true;
    }

    private static DMatrixRMaj careGain(MatrixCase c, DMatrixRMaj x, DMatrixRMaj e) {
        DMatrixRMaj btxe = product(c.b(), x, e, true, false);
        DMatrixRMaj rhs = c.s() == null ? btxe : add(btxe, transpose(c.s()));
        return solve(c.r(), rhs);
    }

    private static DMatrixRMaj careCoupling(MatrixCase c, DMatrixRMaj x, DMatrixRMaj e) {
        DMatrixRMaj left = mult(transpose(e), mult(x, c.b()));
        if (c.s() != null) {
            left = add(left, c.s());
        }
        return mult(left, careGain(c, x, e));
    }

    private static DMatrixRMaj dareGain(MatrixCase c, DMatrixRMaj x) {
        DMatrixRMaj btxb = product(c.b(), x, c.b(), true, false);
        DMatrixRMaj btxa = product(c.b(), x, c.a(), true, false);
        DMatrixRMaj rhs = c.s() == null ? btxa : add(btxa, transpose(c.s()));
        return solve(add(c.r(), btxb), rhs);
    }

    private static DMatrixRMaj dareCoupling(MatrixCase c, DMatrixRMaj x) {
        DMatrixRMaj left = mult(transpose(c.a()), mult(x, c.b()));
        if (c.s() != null) {
            left = add(left, c.s());
        }
        return mult(left, dareGain(c, x));
    }

    /** Returns L X R^T (transposeRight) or L^T X R (transposeLeft). */
    private static DMatrixRMaj product(DMatrixRMaj left, DMatrixRMaj x, DMatrixRMaj right,
            boolean transposeLeft, boolean transposeRight) {
        DMatrixRMaj l = transposeLeft ? transpose(left) : left;
        DMatrixRMaj r = transposeRight ? transpose(right) : right;
        return mult(mult(l, x), r);
    }

    private static DMatrixRMaj solve(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj result = new DMatrixRMaj(a.numCols, b.numCols);
        if (!CommonOps_DDRM.solve(a.copy(), b, result)) {
            throw new IllegalArgumentException("matrix to invert in the residual check is singular");
        }
        return result;
    }

    private static DMatrixRMaj mult(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numRows, b.numCols);
        CommonOps_DDRM.mult(a, b, c);
        return c;
    }

    private static DMatrixRMaj add(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numRows, a.numCols);
        CommonOps_DDRM.add(a, b, c);
        return c;
    }

    private static DMatrixRMaj subtract(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numRows, a.numCols);
        CommonOps_DDRM.subtract(a, b, c);
        return c;
    }

    private static DMatrixRMaj transpose(DMatrixRMaj a) {
        return CommonOps_DDRM.transpose(a, null);
    }

    private static double norm(DMatrixRMaj a) {
        return NormOps_DDRM.normF(a);
    }
}
