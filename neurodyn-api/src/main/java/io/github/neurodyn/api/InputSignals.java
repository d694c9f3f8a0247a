package io.github.neurodyn.api;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/** Implementations behind the {@link InputSignal} factories. */
final class InputSignals {

    private InputSignals() {
    }

    static void requireIncreasing(double[] times, String name) {
        for (int k = 1; k < times.length; k++) {
            if (!(times[k] > times[k - 1])) {
                throw new IllegalArgumentException(String.format(
                        "%s must be strictly increasing, but %s[%d] = %s follows %s[%d] = %s",
                        name, name, k, times[k], name, k - 1, times[k - 1]));
            }
        }
    }

    static final class Constant implements InputSignal {
        private final double[] value;

        Constant(double[] value) {
            this.value = value;
        }

        @Override
        public void valueAt(double timeSeconds, double[] out) {
            System.arraycopy(value, 0, out, 0, value.length);
        }

        @Override
        public int dimension() {
            return value.length;
        }
    }

    static final class PiecewiseConstant implements InputSignal {
        private final double[] switchTimes;
        private final double[][] values;

        PiecewiseConstant(double[] switchTimes, double[][] values) {
            this.switchTimes = switchTimes;
            this.values = values;
        }

        @Override
        public void valueAt(double timeSeconds, double[] out) {
            // binarySearch returns the index of an equal key (the switch has happened) or
            // -(insertion point) - 1, where the insertion point counts the switches before t.
            int found = Arrays.binarySearch(switchTimes, timeSeconds);
            int segment = found >= 0 ? found + 1 : -found - 1;
            System.arraycopy(values[segment], 0, out, 0, out.length);
        }

        @Override
        public int dimension() {
            return values[0].length;
        }
    }

    static final class Sampled implements InputSignal {
        private final double start;
        private final double interval;
        private final DMatrixRMaj samples;
        private final InputSignal.Interpolation interpolation;

        Sampled(double start, double interval, DMatrixRMaj samples, InputSignal.Interpolation interpolation) {
            this.start = start;
            this.interval = interval;
            this.samples = samples;
            this.interpolation = interpolation;
        }

        @Override
        public void valueAt(double timeSeconds, double[] out) {
            int n = samples.numRows;
            int count = samples.numCols;
            double position = (timeSeconds - start) / interval;
            if (!(position > 0)) {
                copyColumn(0, out);
                return;
            }
            if (position >= count - 1) {
                copyColumn(count - 1, out);
                return;
            }
            int k = (int) Math.floor(position);
            if (interpolation == InputSignal.Interpolation.ZERO_ORDER_HOLD) {
                copyColumn(k, out);
                return;
            }
            double weight = position - k;
            double[] data = samples.data;
            for (int i = 0; i < n; i++) {
                double left = data[i * count + k];
                double right = data[i * count + k + 1];
                out[i] = left + weight * (right - left);
            }
        }

        private void copyColumn(int k, double[] out) {
            int count = samples.numCols;
            for (int i = 0; i < samples.numRows; i++) {
                out[i] = samples.data[i * count + k];
            }
        }

        @Override
        public int dimension() {
            return samples.numRows;
        }
    }

    static final class Function implements InputSignal {
        private final int dimension;
        private final InputSignal.TimeFunction function;

        Function(int dimension, InputSignal.TimeFunction function) {
            this.dimension = dimension;
            this.function = function;
        }

        @Override
        public void valueAt(double timeSeconds, double[] out) {
            function.evaluate(timeSeconds, out);
        }

        @Override
        public int dimension() {
            return dimension;
        }
    }
}
