package io.city4d.server;

import java.io.PrintWriter;

/** What a starting server tells its operator: where it listens and, once, the admin token it issued. */
final class Announcer {
    private Announcer() {}

    /** @param newToken an admin token issued at this start, to show once; null when none was */
    static void announce(City4d city, ServerConfig config, String newToken, PrintWriter out) {
        out.println();
        out.println("City4D is serving at " + city.baseUrl() + "/  (store: " + city.storage().describe() + ")");
        if (city.mqttPort() > 0) out.println("MQTT device endpoint on " + config.host() + ":" + city.mqttPort());
        if (newToken != null) {
            out.println("Admin token (shown once, keep it safe): " + newToken);
        } else if (config.adminToken() != null) {
            out.println("Admin token: the value of CITY4D_ADMIN_TOKEN");
        } else {
            out.println("Admin token: the one printed at the first start of this data directory");
        }
        out.println("Try: curl -H 'Authorization: Bearer <token>' '" + city.baseUrl() + "/ngsi-ld/v1/types'");
        out.flush();
    }
}
