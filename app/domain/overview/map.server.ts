import mapPathsJson from "~/db/reference/geo/map-paths.json";
import type { MapPaths, MapShape } from "./geo-paths.ts";

/**
 * Outline data for the roll-up maps, precomputed from the shipped boundaries
 * (scripts/geo-paths.ts → map-paths.json, © Kartverket, CC BY 4.0). Server
 * only: a page gets just the path strings of the kommuner it shows, inside
 * its server-rendered SVG; the GeoJSON never reaches the browser.
 */
const mapPaths = mapPathsJson as unknown as MapPaths;

export interface MapData {
  viewBox: string;
  /** Kommune number → path data. */
  kommuner: Record<string, string>;
  /** Fylke borders drawn on top (emphasised). */
  fylker: Record<string, string>;
}

function viewBoxAround(shapes: MapShape[]): string {
  const minX = Math.min(...shapes.map((s) => s.box[0]));
  const minY = Math.min(...shapes.map((s) => s.box[1]));
  const maxX = Math.max(...shapes.map((s) => s.box[2]));
  const maxY = Math.max(...shapes.map((s) => s.box[3]));
  const pad = Math.max(maxX - minX, maxY - minY) * 0.02;
  const f = (n: number) => Math.round(n * 10) / 10;
  return `${f(minX - pad)} ${f(minY - pad)} ${f(maxX - minX + 2 * pad)} ${f(maxY - minY + 2 * pad)}`;
}

/** The whole country: every kommune, every fylke border. */
export function nationalMap(): MapData {
  return {
    viewBox: mapPaths.viewBox,
    kommuner: Object.fromEntries(Object.entries(mapPaths.kommuner).map(([n, s]) => [n, s.d])),
    fylker: Object.fromEntries(Object.entries(mapPaths.fylker).map(([n, s]) => [n, s.d])),
  };
}

/** One fylke, zoomed to its kommuner, with its own border. */
export function countyMap(countyNumber: string, kommuneNumbers: string[]): MapData {
  const shapes = kommuneNumbers.map((n) => [n, mapPaths.kommuner[n]] as const).filter((e): e is readonly [string, MapShape] => Boolean(e[1]));
  const border = mapPaths.fylker[countyNumber];
  return {
    viewBox: shapes.length > 0 ? viewBoxAround(shapes.map((e) => e[1])) : mapPaths.viewBox,
    kommuner: Object.fromEntries(shapes.map(([n, s]) => [n, s.d])),
    fylker: border ? { [countyNumber]: border.d } : {},
  };
}
