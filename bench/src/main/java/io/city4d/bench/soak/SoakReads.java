package io.city4d.bench.soak;

import io.city4d.bench.http.Endpoint;
import io.city4d.bench.http.Requests;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The soak's reads at a pace: queries by type and q, geo queries near a sensor, one entity, temporal aggregation over
 * a sensor's history, and the type summary, in turn.
 */
final class SoakReads implements AutoCloseable {
    final Outcomes outcomes = new Outcomes("queries");
    private final HttpLoad load;

    SoakReads(Endpoint endpoint, int sensors, int connections, int perSecond) {
        AtomicLong turn = new AtomicLong();
        this.load = new HttpLoad("read", endpoint.port(), connections, perSecond, outcomes, c -> {
            long i = turn.incrementAndGet();
            int sensor = (int) (i % sensors);
            String path = switch ((int) (i % 5)) {
                case 0 -> "/ngsi-ld/v1/entities?type=" + SoakWrites.SENSOR + "&" + Requests.param("q", "seq>" + (i % 1_000)) + "&limit=20";
                case 1 -> "/ngsi-ld/v1/entities?type=" + SoakWrites.SENSOR + "&" + Requests.param("georel", "near;maxDistance==200")
                        + "&geometry=Point&" + Requests.param("coordinates", "[" + SoakSetup.longitude(sensor) + "," + SoakSetup.latitude(sensor) + "]");
                case 2 -> "/ngsi-ld/v1/entities/" + SoakWrites.sensor(sensor);
                case 3 -> "/ngsi-ld/v1/temporal/entities/" + SoakWrites.sensor(sensor) + "?attrs=seq&options=aggregatedValues"
                        + "&aggrMethods=avg,max,totalCount&aggrPeriodDuration=PT1M";
                default -> "/ngsi-ld/v1/types";
            };
            return endpoint.requests().get(path);
        });
    }

    @Override
    public void close() throws InterruptedException {
        load.close();
    }
}
