package io.city4d.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.city4d.core.model.Entity;
import io.city4d.core.port.Change;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the changes of one commit that a subscription matched are split into notifications. */
class NotificationGroupingTest {

    private static Change change(String id) {
        Entity after = Entity.of("urn:ngsi-ld:T:" + id, List.of("T"), Map.of(), Instant.EPOCH, Instant.EPOCH);
        return new Change("", null, after, List.of(), Instant.EPOCH);
    }

    /** Every change once, in commit order; no notification names an entity twice or holds more than the maximum. */
    @Test
    void keepsEveryChangeInOrderWithEachEntityOncePerNotification() {
        qt().withExamples(300).forAll(lists().of(integers().between(0, 150)).ofSizeBetween(0, 400))
                .checkAssert(NotificationGroupingTest::groupsInOrderWithEachEntityOnce);
    }

    private static void groupsInOrderWithEachEntityOnce(List<Integer> ids) {
        List<Change> changes = ids.stream().map(i -> change(Integer.toString(i))).toList();
        List<List<Change>> notifications = SubscriptionEngine.notifications(changes);

        List<Change> flattened = new ArrayList<>();
        notifications.forEach(flattened::addAll);
        assertThat(flattened).containsExactlyElementsOf(changes);
        for (List<Change> notification : notifications) {
            assertThat(notification).isNotEmpty().hasSizeLessThanOrEqualTo(SubscriptionEngine.MAX_ENTITIES_PER_NOTIFICATION);
            assertThat(notification.stream().map(Change::entityId).distinct().count()).isEqualTo(notification.size());
        }
        // as few as that allows: each notification ends because it was full or the next change names one of its entities
        for (int i = 0; i + 1 < notifications.size(); i++) {
            List<Change> n = notifications.get(i);
            String next = notifications.get(i + 1).get(0).entityId();
            assertThat(n.size() == SubscriptionEngine.MAX_ENTITIES_PER_NOTIFICATION || n.stream().anyMatch(c -> c.entityId().equals(next))).isTrue();
        }
    }
}
