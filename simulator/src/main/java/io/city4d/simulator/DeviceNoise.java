package io.city4d.simulator;

/** One device's own random streams, named after what they disturb, so that no two devices read alike. */
record DeviceNoise(long seed, String deviceId) {

    double unit(String stream, long index) {
        return Noise.unit(seed, deviceId + "/" + stream, index);
    }

    double smooth(String stream, double position) {
        return Noise.smooth(seed, deviceId + "/" + stream, position);
    }
}
