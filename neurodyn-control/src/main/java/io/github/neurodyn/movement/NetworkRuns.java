package io.github.neurodyn.movement;

import io.github.neurodyn.api.Trajectory;
import io.github.neurodyn.dynamics.Integrator;
import io.github.neurodyn.dynamics.Simulation;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/** Batched nonlinear runs of a spontaneous network from prepared states, shared by fitting and the chain. */
final class NetworkRuns {

    /** Bound on |x| beyond which a run counts as diverged. */
    static final double MAX_ABS_STATE = 1e6;

    private NetworkRuns() {
    }

    /**
     * Integrates the network with RK4 from each column of {@code initialStates} and returns
     * the excitatory rates of each run as an N_E x T matrix sampled at {@code t_j = j * interval}.
     *
     * @throws io.github.neurodyn.api.SimulationDivergedException if a run leaves {@link #MAX_ABS_STATE}
     */
    static List<DMatrixRMaj> excitatoryRates(SpontaneousNetwork network, DMatrixRMaj initialStates, int samples,
            double sampleIntervalSeconds, double stepSeconds) {
        int movements = initialStates.numCols;
        Trajectory run = Simulation.of(network.network())
                .integrator(Integrator.RK4)
                .stepSeconds(Math.min(stepSeconds, sampleIntervalSeconds))
                .durationSeconds((samples - 1) * sampleIntervalSeconds)
                .sampleEverySeconds(sampleIntervalSeconds)
                .trials(movements)
                .initialStates(initialStates)
                .maxAbsState(MAX_ABS_STATE)
                .run();
        int excitatory = network.excitatoryCount();
        List<DMatrixRMaj> rates = new ArrayList<>(movements);
        for (int i = 0; i < movements; i++) {
            DMatrixRMaj all = run.rates(i);
            rates.add(CommonOps_DDRM.extract(all, 0, excitatory, 0, samples));
        }
        return rates;
    }

    /** Returns the T x m outputs {@code (C R)^T} of an m x N_E readout and N_E x T rates. */
    static DMatrixRMaj outputs(DMatrixRMaj readout, DMatrixRMaj rates) {
        DMatrixRMaj out = new DMatrixRMaj(rates.numCols, readout.numRows);
        CommonOps_DDRM.multTransAB(rates, readout, out);
        return out;
    }
}
