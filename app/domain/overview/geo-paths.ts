/**
 * Turns the shipped GeoJSON boundaries (app/db/reference/geo, © Kartverket,
 * CC BY 4.0) into light SVG path strings for the roll-up maps: an
 * equirectangular projection with longitude scaled by cos 65° (Norway's
 * middle latitude, so shapes keep their proportions), Douglas–Peucker
 * simplification in SVG units, coordinates rounded to 0.1 unit, slivers
 * dropped. Pure functions; scripts/geo-paths.ts writes the result to
 * app/db/reference/geo/map-paths.json, which only the server reads.
 */

type Position = number[];
type Ring = Position[];
interface Geometry {
  type: "Polygon" | "MultiPolygon";
  coordinates: Ring[] | Ring[][];
}
interface Feature {
  properties: Record<string, string>;
  geometry: Geometry;
}
export interface FeatureCollection {
  features: Feature[];
}

export interface MapShape {
  /** SVG path data (absolute moves, relative lines, closed rings). */
  d: string;
  /** Bounding box in SVG units: [minX, minY, maxX, maxY]. */
  box: [number, number, number, number];
}

export interface MapPaths {
  /** The national map's viewBox: "0 0 width height". */
  viewBox: string;
  kommuner: Record<string, MapShape>;
  fylker: Record<string, MapShape>;
}

/** SVG units per degree of latitude: Norway (≈ 13.3° tall) becomes ≈ 600 units high. */
const UNITS_PER_DEGREE = 45;
const COS_LAT = Math.cos((65 * Math.PI) / 180);
const WEST = 4.4;
const NORTH = 71.3;

export function project([lon, lat]: Position): [number, number] {
  return [(lon! - WEST) * COS_LAT * UNITS_PER_DEGREE, (NORTH - lat!) * UNITS_PER_DEGREE];
}

function perpendicularDistanceSquared(p: [number, number], a: [number, number], b: [number, number]): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const lengthSquared = dx * dx + dy * dy;
  if (lengthSquared === 0) return (p[0] - a[0]) ** 2 + (p[1] - a[1]) ** 2;
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / lengthSquared));
  return (p[0] - (a[0] + t * dx)) ** 2 + (p[1] - (a[1] + t * dy)) ** 2;
}

/** Douglas–Peucker (iterative, so long coastlines cannot overflow the stack). Keeps the first and last point. */
export function simplify(points: [number, number][], tolerance: number): [number, number][] {
  if (points.length <= 2) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  const toleranceSquared = tolerance * tolerance;
  while (stack.length > 0) {
    const [first, last] = stack.pop()!;
    let maxDistance = 0;
    let index = -1;
    for (let i = first + 1; i < last; i++) {
      const distance = perpendicularDistanceSquared(points[i]!, points[first]!, points[last]!);
      if (distance > maxDistance) {
        maxDistance = distance;
        index = i;
      }
    }
    if (index !== -1 && maxDistance > toleranceSquared) {
      keep[index] = 1;
      stack.push([first, index], [index, last]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

function ringArea(points: [number, number][]): number {
  let sum = 0;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) sum += (points[j]![0] - points[i]![0]) * (points[j]![1] + points[i]![1]);
  return Math.abs(sum / 2);
}

const round = (n: number) => Math.round(n * 10) / 10;
/** "12.30" → "12.3", "0.50" → ".5", "-0.50" → "-.5": the shortest form SVG accepts. */
function num(n: number): string {
  const s = String(round(n));
  return s.replace(/^(-?)0\./, "$1.");
}

/**
 * One shape's path: each polygon's outer ring and holes, simplified; rings
 * smaller than `minArea` square units left out (islets), but the largest ring
 * is always kept so no kommune vanishes.
 */
export function shapeOf(geometry: Geometry, tolerance: number, minArea: number): MapShape {
  const polygons = (geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates) as Ring[][];
  const rings = polygons.flatMap((polygon) =>
    polygon.map((ring) => {
      const projected = ring.map(project);
      return { projected, points: simplify(projected, tolerance), area: ringArea(projected) };
    }),
  );
  const largest = Math.max(...rings.map((r) => r.area));
  // A kommune of small islands (Røst, Værøy) must not vanish: its largest ring is kept at a finer tolerance.
  for (const ring of rings) if (ring.area === largest && ring.points.length < 6) ring.points = simplify(ring.projected, tolerance / 10);
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const parts: string[] = [];
  for (const ring of rings) {
    if ((ring.area < minArea && ring.area !== largest) || ring.points.length < 4) continue;
    let previous: [number, number] | null = null;
    let d = "";
    let segments = 0;
    for (const point of ring.points.slice(0, -1)) {
      const p: [number, number] = [round(point[0]), round(point[1])];
      box[0] = Math.min(box[0], p[0]);
      box[1] = Math.min(box[1], p[1]);
      box[2] = Math.max(box[2], p[0]);
      box[3] = Math.max(box[3], p[1]);
      if (!previous) d += `M${num(p[0])} ${num(p[1])}l`;
      else {
        const dx = round(p[0] - previous[0]);
        const dy = round(p[1] - previous[1]);
        if (dx === 0 && dy === 0) continue;
        // Relative coordinates: a minus sign separates numbers by itself.
        d += `${segments > 0 && dx >= 0 ? " " : ""}${num(dx)}${dy >= 0 ? " " : ""}${num(dy)}`;
        segments++;
      }
      previous = p;
    }
    if (segments >= 2) parts.push(`${d}z`);
  }
  return { d: parts.join(""), box: box.map(round) as [number, number, number, number] };
}

export const MAP_TOLERANCE = { kommune: 0.55, fylke: 0.8 };
export const MAP_MIN_AREA = { kommune: 2, fylke: 12 };

/** The whole map: every kommune and fylke, keyed by number. */
export function buildMapPaths(kommuner: FeatureCollection, fylker: FeatureCollection): MapPaths {
  const result: MapPaths = { viewBox: "", kommuner: {}, fylker: {} };
  let width = 0;
  let height = 0;
  for (const feature of kommuner.features) {
    const shape = shapeOf(feature.geometry, MAP_TOLERANCE.kommune, MAP_MIN_AREA.kommune);
    result.kommuner[feature.properties.kommunenummer!] = shape;
    width = Math.max(width, shape.box[2]);
    height = Math.max(height, shape.box[3]);
  }
  for (const feature of fylker.features) {
    result.fylker[feature.properties.fylkesnummer!] = shapeOf(feature.geometry, MAP_TOLERANCE.fylke, MAP_MIN_AREA.fylke);
  }
  result.viewBox = `0 0 ${Math.ceil(width + 2)} ${Math.ceil(height + 2)}`;
  return result;
}
