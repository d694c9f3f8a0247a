package io.github.neurodyn.preparation;

import io.github.neurodyn.analysis.AlignmentNull;

/**
 * Alignment of preparatory with movement activity (Elsayed, Lara, Kaufman, Churchland and
 * Cunningham, Nat. Commun. 7, 2016): {@code trace(U_p^T C_m U_p)} over the sum of the k largest
 * eigenvalues of C_m, with U_p the top-k principal subspace of the preparatory rates and C_m
 * the covariance of the movement rates. Values near 0 mean orthogonal subspaces.
 *
 * @param index the alignment index in [0, 1]
 * @param dimensions k
 * @param randomNull the index of covariance-biased random subspaces, for comparison
 */
public record SubspaceAlignment(double index, int dimensions, AlignmentNull randomNull) {
}
