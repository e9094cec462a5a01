package io.city4d.simulator;

import org.locationtech.jts.geom.LineString;

/** A straight street piece (or the lakeside ring) of the local frame, with its name and FIWARE road class. */
record Road(String name, String roadClass, LineString line) {

    /** Half the carriageway and pavement: buildings stay at least this far from the centre line. */
    double halfWidth() {
        return switch (roadClass) {
            case "primary" -> 11;
            case "secondary" -> 9;
            case "tertiary" -> 7;
            default -> 5.5;
        };
    }

    double length() {
        return line.getLength();
    }
}
