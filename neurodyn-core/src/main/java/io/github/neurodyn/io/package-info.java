/**
 * Data exchange with numpy and spreadsheets: {@link io.github.neurodyn.io.Npy} reads and
 * writes float64 NPY files, {@link io.github.neurodyn.io.Csv} reads and writes numeric CSV
 * files whose values survive a round trip bit for bit.
 */
package io.github.neurodyn.io;
