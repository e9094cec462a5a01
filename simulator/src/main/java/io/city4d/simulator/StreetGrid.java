package io.city4d.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * Straight north-south and east-west streets across the district, cut where they meet the lakeside ring road
 * (Đinh Tiên Hoàng), which runs around the lake and its park.
 */
final class StreetGrid {
    static final double HALF_WIDTH = 900;
    static final double HALF_HEIGHT = 1000;
    static final Polygon AREA = Shapes.rectangle(-HALF_WIDTH, -HALF_HEIGHT, HALF_WIDTH, HALF_HEIGHT);
    static final String RING_ROAD = "Đinh Tiên Hoàng";

    private static final double LAKESIDE_PARK = 40;
    private static final double EDGE_MARGIN = 40;
    private static final double MIN_SPACING = 140;
    private static final double MAX_SPACING = 240;
    private static final double MIN_PIECE = 40;
    private static final List<String> STREET_NAMES = List.of("Hàng Bạc", "Hàng Đào", "Hàng Ngang", "Hàng Đường", "Hàng Gai",
            "Hàng Bông", "Hàng Trống", "Lý Quốc Sư", "Nhà Thờ", "Hàng Bè", "Hàng Buồm", "Mã Mây", "Lương Văn Can", "Cầu Gỗ",
            "Hàng Mã", "Phùng Hưng", "Trần Hưng Đạo", "Lý Thường Kiệt", "Hai Bà Trưng", "Tràng Thi", "Quang Trung", "Ngô Quyền",
            "Phan Chu Trinh", "Trần Quang Khải", "Trần Nhật Duật", "Hàng Chiếu", "Hàng Giấy", "Đồng Xuân", "Hàng Cót", "Lò Đúc",
            "Hàng Chuối", "Nguyễn Hữu Huân", "Hàng Tre", "Hàng Thùng", "Lê Lai", "Lê Phụng Hiểu", "Chương Dương Độ", "Tràng Tiền",
            "Hàng Khay", "Bà Triệu", "Hàng Bài", "Lý Thái Tổ", "Lê Thái Tổ", "Hàng Bồ", "Hàng Thiếc", "Tạ Hiện", "Hàng Hành",
            "Bảo Khánh", "Lò Sũ", "Hàng Cân");
    private static final List<String> CLASSES = List.of("primary", "secondary", "secondary", "tertiary", "tertiary", "residential", "residential");

    /** The lake and its park, bounded by the ring road's centre line. */
    final Polygon lakeside;
    /** x of each north-south street, west to east. */
    final List<Double> eastings;
    /** y of each east-west street, south to north. */
    final List<Double> northings;
    /** The ring road first, then the street pieces. */
    final List<Road> roads;

    private StreetGrid(Polygon lakeside, List<Double> eastings, List<Double> northings, List<Road> roads) {
        this.lakeside = lakeside;
        this.eastings = eastings;
        this.northings = northings;
        this.roads = roads;
    }

    static StreetGrid generate(SplittableRandom random, Polygon lake) {
        Polygon lakeside = (Polygon) lake.buffer(LAKESIDE_PARK, 16);
        List<Double> eastings = positions(random, HALF_WIDTH);
        List<Double> northings = positions(random, HALF_HEIGHT);
        List<String> names = new ArrayList<>(STREET_NAMES);
        Shapes.shuffle(random, names);
        List<Road> roads = new ArrayList<>();
        roads.add(new Road(RING_ROAD, "primary", Shapes.line(lakeside.getExteriorRing().getCoordinates())));
        int street = 0;
        for (double x : eastings) {
            addPieces(roads, names.get(street++), Shapes.pick(random, CLASSES),
                    Shapes.line(new Coordinate(x, -HALF_HEIGHT), new Coordinate(x, HALF_HEIGHT)), lakeside);
        }
        for (double y : northings) {
            addPieces(roads, names.get(street++), Shapes.pick(random, CLASSES),
                    Shapes.line(new Coordinate(-HALF_WIDTH, y), new Coordinate(HALF_WIDTH, y)), lakeside);
        }
        return new StreetGrid(lakeside, eastings, northings, List.copyOf(roads));
    }

    private static List<Double> positions(SplittableRandom random, double half) {
        List<Double> positions = new ArrayList<>();
        for (double p = -half + EDGE_MARGIN + random.nextDouble(60); p < half - EDGE_MARGIN; p += random.nextDouble(MIN_SPACING, MAX_SPACING)) {
            positions.add(p);
        }
        return List.copyOf(positions);
    }

    private static void addPieces(List<Road> roads, String name, String roadClass, LineString street, Polygon lakeside) {
        Geometry pieces = street.difference(lakeside);
        for (int i = 0; i < pieces.getNumGeometries(); i++) {
            LineString piece = (LineString) pieces.getGeometryN(i);
            if (piece.getLength() >= MIN_PIECE) roads.add(new Road(name, roadClass, piece));
        }
    }

    /** The street pieces, without the ring road. */
    List<Road> streets() {
        return roads.subList(1, roads.size());
    }

    /** The land between the streets, off their pavements and outside the lakeside park. */
    List<Polygon> blocks() {
        List<Geometry> taken = new ArrayList<>();
        taken.add(lakeside);
        for (Road road : roads) taken.add(road.line().buffer(road.halfWidth()));
        Geometry land = AREA.difference(UnaryUnionOp.union(taken));
        List<Polygon> blocks = new ArrayList<>();
        for (int i = 0; i < land.getNumGeometries(); i++) blocks.add((Polygon) land.getGeometryN(i));
        return blocks;
    }

    Road nearestRoad(Point point) {
        return roads.stream().min(Comparator.comparingDouble(r -> r.line().distance(point))).orElseThrow();
    }
}
