package io.city4d.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;

/** Hoàn Kiếm district cut into wards: a 3 x 2 grid of quadrilaterals whose inner corners are jittered, so they still tile it. */
final class Wards {
    static final String DISTRICT_NAME = "Hoàn Kiếm";
    private static final int COLUMNS = 3;
    private static final int ROWS = 2;
    private static final double JITTER = 60;
    private static final List<String> WARD_NAMES = List.of("Hàng Trống", "Hàng Bạc", "Hàng Đào", "Hàng Buồm", "Hàng Bồ",
            "Hàng Gai", "Hàng Bông", "Lý Thái Tổ", "Tràng Tiền", "Cửa Nam", "Phan Chu Trinh", "Hàng Bài", "Chương Dương",
            "Đồng Xuân", "Phúc Tân", "Trần Hưng Đạo", "Cửa Đông", "Hàng Mã");

    record Ward(String name, Polygon area) {}

    private final List<Ward> wards;

    private Wards(List<Ward> wards) {
        this.wards = wards;
    }

    static Wards generate(SplittableRandom random) {
        Coordinate[][] corners = new Coordinate[COLUMNS + 1][ROWS + 1];
        for (int i = 0; i <= COLUMNS; i++) {
            for (int j = 0; j <= ROWS; j++) {
                double x = -StreetGrid.HALF_WIDTH + i * 2 * StreetGrid.HALF_WIDTH / COLUMNS;
                double y = -StreetGrid.HALF_HEIGHT + j * 2 * StreetGrid.HALF_HEIGHT / ROWS;
                if (i > 0 && i < COLUMNS) x += random.nextDouble(-JITTER, JITTER);
                if (j > 0 && j < ROWS) y += random.nextDouble(-JITTER, JITTER);
                corners[i][j] = new Coordinate(x, y);
            }
        }
        List<String> names = new ArrayList<>(WARD_NAMES);
        Shapes.shuffle(random, names);
        List<Ward> wards = new ArrayList<>();
        for (int j = 0; j < ROWS; j++) {
            for (int i = 0; i < COLUMNS; i++) {
                Polygon area = LocalFrame.GEOMETRY.createPolygon(new Coordinate[] {
                        corners[i][j], corners[i + 1][j], corners[i + 1][j + 1], corners[i][j + 1], corners[i][j].copy()});
                wards.add(new Ward(names.get(wards.size()), area));
            }
        }
        return new Wards(List.copyOf(wards));
    }

    List<Ward> all() {
        return wards;
    }

    String nameAt(Coordinate c) {
        var point = Shapes.point(c.x, c.y);
        for (Ward ward : wards) if (ward.area().covers(point)) return ward.name();
        throw new IllegalArgumentException("outside the district: " + c);
    }
}
