package io.radnet.spark;

import io.radnet.api.Backend;
import io.radnet.core.data.Dataset;
import java.io.Serializable;

/**
 * Where data-parallel training reads its samples: a data set of {@link #samples()} rows at a
 * path every executor can read, of which each partition reads its own contiguous rows
 * [from, to). Implementations are small serializable descriptions (a path and the columns);
 * the rows are read on the executors, never shipped from the driver. {@link CsvShards} reads
 * CSV; a reader of another format implements this interface.
 */
public interface TrainingShards extends Serializable {
    /** @return N ≥ 1, the number of samples */
    int samples();

    /** @return n₀, the input columns */
    int inputWidth();

    /**
     * @param backend where the rows go
     * @param from the first row, 0 ≤ from &lt; to
     * @param to one past the last row, ≤ N
     * @return rows [from, to) as a data set: inputs (to − from) × n₀, targets as the loss expects
     * @throws IllegalArgumentException naming the source and the problem when the rows cannot be read
     */
    Dataset read(Backend backend, int from, int to);

    /** @return a short description for messages, e.g. the path */
    String describe();
}
