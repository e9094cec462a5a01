package io.city4d.core.pipeline;

import io.city4d.core.port.Change;
import java.util.List;

/**
 * Told of every committed batch of changes, on the writer's thread and in the partition's order. Implementations
 * must return quickly: hand work to their own bounded queue rather than block the writer.
 */
@FunctionalInterface
public interface ChangeListener {
    void committed(List<Change> changes);
}
