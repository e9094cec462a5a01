package io.city4d.simulator;

import java.util.SplittableRandom;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Polygon;

/**
 * The generated demo district around Hoan Kiem Lake, Hanoi: the same seed always gives the same district. Entities
 * follow the FIWARE Smart Data Models where one exists; the sensing ones come with a {@link DeviceSpec} each.
 */
public final class DemoDistrict {
    /** Where every generated geometry lies, in WGS 84 degrees (x = longitude, y = latitude). */
    public static final Envelope BOUNDS = new Envelope(105.843, 105.862, 21.018, 21.038);

    private DemoDistrict() {}

    public static District generate(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        DistrictAssembly assembly = new DistrictAssembly();
        Polygon lake = LakeShape.generate(random);
        StreetGrid grid = StreetGrid.generate(random, lake);
        Wards wards = Wards.generate(random);
        addAdministrativeAreas(assembly, wards);
        assembly.add(assembly.draft("WaterBody").text("name", "Hồ Hoàn Kiếm").texts("category", "lake").location(lake));
        for (Road road : grid.roads) {
            assembly.add(assembly.draft("Road").text("name", road.name()).text("roadClass", road.roadClass())
                    .location(road.line()).quantity("length", Math.round(road.length()), "MTR"));
        }
        BuildableLand land = new BuildableLand(grid.blocks());
        ParkingSites.addTo(assembly, random, land, grid);
        var buildings = Buildings.addTo(assembly, random, land, grid, wards);
        BuildingSensors.addTo(assembly, random, buildings);
        StreetSensors.addTo(assembly, random, lake, grid, wards);
        BusLines.addTo(assembly, random, grid);
        return assembly.district();
    }

    private static void addAdministrativeAreas(DistrictAssembly assembly, Wards wards) {
        EntityDraft district = assembly.draft("AdministrativeArea").text("name", "Quận " + Wards.DISTRICT_NAME)
                .text("category", "district").location(StreetGrid.AREA);
        assembly.add(district);
        for (Wards.Ward ward : wards.all()) {
            assembly.add(assembly.draft("AdministrativeArea").text("name", "Phường " + ward.name()).text("category", "ward")
                    .location(ward.area()).relationship("refParent", district.id()));
        }
    }
}
