package dev.gopherlens.trace;

import java.util.Arrays;
import java.util.Objects;

/**
 * The raw payload of a runtime experiment's side table (AllocFree's type and heap-layout records), kept as written.
 *
 * @param experiment the experiment's name ({@code AllocFree}), or {@code experiment N} for an unknown one
 * @param thread     the thread that wrote the batch, -1 for none
 * @param data       the bytes; the accessor returns a copy
 */
public record ExperimentalBatch(String experiment, long thread, byte[] data) {
    /**
     * Copies the data.
     *
     * @param experiment the experiment's name, not null
     * @param thread     the thread
     * @param data       the bytes, not null; copied
     */
    public ExperimentalBatch {
        Objects.requireNonNull(experiment, "experiment");
        data = data.clone();
    }

    /** {@return a copy of the bytes} */
    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExperimentalBatch b && b.experiment.equals(experiment) && b.thread == thread
                && Arrays.equals(b.data, data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(experiment, thread, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "ExperimentalBatch[" + experiment + ", thread " + thread + ", " + data.length + " bytes]";
    }
}
