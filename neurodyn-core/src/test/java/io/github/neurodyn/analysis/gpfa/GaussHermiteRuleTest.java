package io.github.neurodyn.analysis.gpfa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GaussHermiteRuleTest {

    /** Agreement of the rule's moments with the exact Gaussian moments, relative. */
    private static final double MOMENT_AGREEMENT = 1e-13;

    /** Checks {@code sum_i w_i x_i^k} against {@code integral exp(-x^2) x^k dx} for k up to 2n - 1. */
    @Test
    void momentsAreExact() {
        for (int n : new int[] {1, 2, 5, 20, PoissonExpectedLogLikelihood.QUADRATURE_NODES}) {
            GaussHermiteRule rule = GaussHermiteRule.of(n);
            // integral exp(-x^2) x^(2k) dx = sqrt(pi) (2k - 1)!! / 2^k, and 0 for odd powers
            double exact = Math.sqrt(Math.PI);
            for (int power = 0; power <= Math.min(2 * n - 1, 30); power++) {
                double sum = 0;
                for (int i = 0; i < rule.size(); i++) {
                    sum += rule.weight(i) * Math.pow(rule.node(i), power);
                }
                double expected = power % 2 == 1 ? 0 : exact;
                assertEquals(expected, sum, MOMENT_AGREEMENT * Math.max(1, exact), "n = " + n + ", power " + power);
                if (power % 2 == 0) {
                    exact *= (power + 1) / 2.0;
                }
            }
        }
    }

    @Test
    void nodesAreSymmetric() {
        GaussHermiteRule rule = GaussHermiteRule.of(PoissonExpectedLogLikelihood.QUADRATURE_NODES);
        int n = rule.size();
        for (int i = 0; i < n; i++) {
            assertEquals(-rule.node(n - 1 - i), rule.node(i), 1e-13 * Math.max(1, Math.abs(rule.node(i))), "node " + i);
            assertEquals(rule.weight(n - 1 - i), rule.weight(i), 1e-13 * rule.weight(i), "weight " + i);
        }
    }
}
