package io.city4d.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Finds the read-only public data set ({@code shared/data}, checked out beside the repository as {@code ../shared}) that
 * the replay tests read in place. {@code CITY4D_SHARED_DATA} (a system property or an environment variable) names it
 * outright; otherwise {@code shared/data} is tried in each directory from the working directory upwards.
 *
 * <p>Registered on a test class ({@code @RegisterExtension static final SharedData data = new SharedData("aq_hanoi")}),
 * it skips the class, saying where it looked, when that part of the data set is absent; under {@code CI=true}, where the
 * data set is always checked out, its absence fails the class instead.
 */
final class SharedData implements ExecutionCondition {
    static final String SETTING = "CITY4D_SHARED_DATA";
    private final String needed;

    SharedData(String needed) {
        this.needed = needed;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<Path> found = find(needed);
        if (found.isPresent()) return ConditionEvaluationResult.enabled("replays " + found.get());
        if (isCi()) throw new AssertionError("CI=true: " + absence(needed));
        return ConditionEvaluationResult.disabled(absence(needed));
    }

    /** A file or folder of the data set, e.g. {@code aq_hanoi/stations.csv}; skips or fails the test when it is absent. */
    static Path require(String relative) {
        Optional<Path> found = find(relative);
        if (found.isEmpty() && isCi()) throw new AssertionError("CI=true: " + absence(relative));
        assumeTrue(found.isPresent(), () -> absence(relative));
        return found.orElseThrow();
    }

    private static Optional<Path> find(String relative) {
        return candidates().stream().map(dir -> dir.resolve(relative)).filter(Files::exists).findFirst();
    }

    private static String absence(String relative) {
        return "the shared public data set is absent: no " + relative + " under " + candidates().stream().map(Path::toString).toList()
                + " (check out ../shared beside the repository, or set " + SETTING + " to its data folder)";
    }

    private static boolean isCi() {
        return "true".equals(System.getenv("CI"));
    }

    private static List<Path> candidates() {
        String named = System.getProperty(SETTING, System.getenv(SETTING));
        if (named != null && !named.isBlank()) return List.of(Path.of(named).toAbsolutePath().normalize());
        List<Path> out = new ArrayList<>();
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) out.add(dir.resolve("shared/data"));
        return out;
    }
}
