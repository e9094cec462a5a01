package io.city4d.core.subscription;

import io.city4d.core.port.Change;
import java.util.List;
import java.util.Map;

/** Turns changes into a notification message of the subscription's API (NGSI-LD, SensorThings...). */
public interface NotificationRenderer {
    Rendered render(Subscription subscription, List<Change> changes);

    record Rendered(String contentType, byte[] body, Map<String, String> headers) {}
}
