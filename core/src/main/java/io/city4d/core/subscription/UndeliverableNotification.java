package io.city4d.core.subscription;

import io.city4d.core.security.AddressPolicy;

/**
 * A delivery that no retry can mend, such as one to an address the operator's policy refuses: the notification goes
 * to the dead letters at once, with this reason.
 */
public final class UndeliverableNotification extends RuntimeException {

    public UndeliverableNotification(String reason) {
        super(reason, null, false, false);
    }

    /** The policy's refusal of an endpoint's host, as subscribers and operators are told it. */
    public static UndeliverableNotification refused(AddressPolicy.Refused refused) {
        return new UndeliverableNotification("City4D does not send notifications to " + refused.host() + ": " + refused.getMessage()
                + "; an operator can allow the host or its address range with --notify-allow");
    }
}
