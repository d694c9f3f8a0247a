package io.github.neurodyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.neurodyn.preparation.ProspectiveCost;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class PotentNullErrorsTest {

    @Test
    void potentDimensionsCoverNinetyPercent() {
        // Normalised to trace 4 the eigenvalues are 2, 1.2, 0.6 and 0.2: the first three reach 3.8 >= 3.6
        ProspectiveCost cost = ProspectiveCost.ofMatrix(CommonOps_DDRM.diag(5, 3, 1.5, 0.5));

        assertEquals(3, PotentNullErrors.potentDimensions(cost));
    }

    @Test
    void potentDimensionsOfIdentityCost() {
        // With four equal eigenvalues three capture 75 % of the trace, so all four are needed
        ProspectiveCost cost = ProspectiveCost.ofMatrix(CommonOps_DDRM.identity(4));

        assertEquals(4, PotentNullErrors.potentDimensions(cost));
    }

    @Test
    void potentDimensionsOfRankOneCost() {
        ProspectiveCost cost = ProspectiveCost.ofMatrix(CommonOps_DDRM.diag(1, 0, 0, 0, 0));

        assertEquals(1, PotentNullErrors.potentDimensions(cost));
    }
}
