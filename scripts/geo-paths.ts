/**
 * Regenerates app/db/reference/geo/map-paths.json (simplified SVG paths of
 * every kommune and fylke for the roll-up maps) from the shipped GeoJSON.
 * Run after replacing the boundary files: npx tsx scripts/geo-paths.ts
 * A unit test (app/domain/overview/geo-paths.test.ts) fails when the JSON
 * and the GeoJSON disagree.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { buildMapPaths, type FeatureCollection } from "../app/domain/overview/geo-paths.ts";

const dir = new URL("../app/db/reference/geo/", import.meta.url);
const read = (name: string) => JSON.parse(readFileSync(new URL(name, dir), "utf8")) as FeatureCollection;
const paths = buildMapPaths(read("kommuner-2024-s.geojson"), read("fylker-2024-s.geojson"));
const json = `${JSON.stringify(paths)}\n`;
writeFileSync(new URL("map-paths.json", dir), json);
const kommuneBytes = Object.values(paths.kommuner).reduce((sum, s) => sum + s.d.length, 0);
const fylkeBytes = Object.values(paths.fylker).reduce((sum, s) => sum + s.d.length, 0);
console.log(
  `map-paths.json: ${json.length} bytes (gzip ${gzipSync(json).length}); kommune paths ${kommuneBytes} bytes, fylke paths ${fylkeBytes} bytes; viewBox ${paths.viewBox}`,
);
