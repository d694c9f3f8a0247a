package io.github.neurodyn.analysis.gpfa;

import io.github.neurodyn.api.NotConvergedException;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Gauss-Hermite rule {@code integral exp(-x^2) g(x) dx ~ sum_i w_i g(x_i)} with n nodes, exact for
 * polynomials of degree up to {@code 2n - 1}.
 *
 * <p>The nodes are the eigenvalues of the symmetric tridiagonal Jacobi matrix of the Hermite
 * polynomials, whose off-diagonal entries are {@code sqrt(k / 2)}, k = 1..n-1 (Golub and Welsch,
 * "Calculation of Gauss quadrature rules", Math. Comp. 23, 1969). Two Newton steps on the
 * orthonormal polynomial {@code p_n} then polish each node to full precision, and the weights
 * are the Christoffel numbers {@code w_i = 1 / sum_{k<n} p_k(x_i)^2}, which are accurate to the
 * last digits even where they are tiny. Cost: O(n^3) flops once.
 */
final class GaussHermiteRule {

    /** Newton steps that polish each eigenvalue into a root of {@code p_n}. */
    private static final int NEWTON_STEPS = 2;

    private final double[] nodes;
    private final double[] weights;

    private GaussHermiteRule(double[] nodes, double[] weights) {
        this.nodes = nodes;
        this.weights = weights;
    }

    /**
     * Computes the rule with n nodes.
     *
     * @param n the number of nodes, at least 1
     * @return the rule, nodes in increasing order
     */
    static GaussHermiteRule of(int n) {
        DMatrixRMaj jacobi = new DMatrixRMaj(n, n);
        for (int k = 1; k < n; k++) {
            double offDiagonal = Math.sqrt(k / 2.0);
            jacobi.set(k - 1, k, offDiagonal);
            jacobi.set(k, k - 1, offDiagonal);
        }
        EigenDecomposition_F64<DMatrixRMaj> eigen = DecompositionFactory_DDRM.eig(n, false, true);
        if (!eigen.decompose(jacobi)) {
            throw new NotConvergedException("the eigenvalues of the " + n + " x " + n
                    + " Hermite Jacobi matrix did not converge", 0, Double.NaN);
        }
        double[] nodes = new double[n];
        for (int i = 0; i < n; i++) {
            nodes[i] = eigen.getEigenvalue(i).real;
        }
        Arrays.sort(nodes);

        // polish each node by Newton on p_n, with p_n' = sqrt(2 n) p_{n-1}, then form its weight
        double[] weights = new double[n];
        double[] values = new double[n + 1];
        for (int i = 0; i < n; i++) {
            for (int step = 0; step < NEWTON_STEPS; step++) {
                orthonormal(nodes[i], values);
                nodes[i] -= values[n] / (Math.sqrt(2.0 * n) * values[n - 1]);
            }
            orthonormal(nodes[i], values);
            double sum = 0;
            for (int k = 0; k < n; k++) {
                sum += values[k] * values[k];
            }
            weights[i] = 1 / sum;
        }
        return new GaussHermiteRule(nodes, weights);
    }

    /**
     * Fills {@code values[k] = p_k(x)}, k = 0..values.length-1, the Hermite polynomials
     * orthonormal under {@code exp(-x^2)}: {@code p_0 = pi^(-1/4)},
     * {@code p_{k+1} = sqrt(2 / (k + 1)) x p_k - sqrt(k / (k + 1)) p_{k-1}}.
     */
    private static void orthonormal(double x, double[] values) {
        values[0] = Math.pow(Math.PI, -0.25);
        if (values.length > 1) {
            values[1] = Math.sqrt(2) * x * values[0];
        }
        for (int k = 1; k + 1 < values.length; k++) {
            values[k + 1] = Math.sqrt(2.0 / (k + 1)) * x * values[k] - Math.sqrt((double) k / (k + 1)) * values[k - 1];
        }
    }

    /** @return the number of nodes */
    int size() {
        return nodes.length;
    }

    /** @return node i, for the weight function {@code exp(-x^2)} */
    double node(int i) {
        return nodes[i];
    }

    /** @return weight i; the weights sum to {@code sqrt(pi)} */
    double weight(int i) {
        return weights[i];
    }
}
