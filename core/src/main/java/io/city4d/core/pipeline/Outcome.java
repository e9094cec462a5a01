package io.city4d.core.pipeline;

import io.city4d.core.model.Entity;
import io.city4d.core.port.Change;
import java.util.List;

/** What a command did: the change written (null when nothing changed), and attributes it left alone and why. */
public record Outcome(Change change, List<NotUpdated> notUpdated) {

    public Outcome {
        notUpdated = List.copyOf(notUpdated);
    }

    public Entity entity() {
        return change == null ? null : change.entity();
    }

    public record NotUpdated(String attribute, String reason) {}
}
