import { useFormat, useT } from "~/i18n/use-t.ts";

/**
 * A shaded map of kommuner rendered on the server as plain SVG (no
 * JavaScript): each kommune filled by its class, "not reported" hatched, a
 * <title> per kommune (name and value), role="img" with a text summary, and a
 * legend in HTML. The page puts the data table beside it: that table is the
 * accessible equivalent, the map a picture of it.
 */

export interface ChoroplethRegion {
  number: string;
  name: string;
  /** The shaded value; null when there is none (see `missing`). */
  value: number | null;
  /** Why there is no value: settlement not reported, or none settled. */
  missing?: "notReported" | "noneSettled";
}

export interface ChoroplethMap {
  viewBox: string;
  kommuner: Record<string, string>;
  fylker: Record<string, string>;
}

/** ColorBrewer "Blues" (5 classes): sequential, readable for colour-blind users, light = few. */
const palette = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"] as const;
const NONE_SETTLED = "#e4e4e4";

/** Class breaks at the quintiles of the values (distinct, rounded), so each colour holds about as many kommuner. */
export function classBreaks(values: number[]): number[] {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const breaks: number[] = [];
  for (let i = 1; i < palette.length; i++) {
    const v = Math.round(sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * i) / palette.length))]!);
    if (v > (breaks.at(-1) ?? -Infinity) && v > sorted[0]!) breaks.push(v);
  }
  return breaks;
}

function classOf(value: number, breaks: number[]): number {
  let i = 0;
  while (i < breaks.length && value >= breaks[i]!) i++;
  return i;
}

export function Choropleth({
  map,
  regions,
  summary,
  id,
}: {
  map: ChoroplethMap;
  regions: ChoroplethRegion[];
  /** The text alternative: what the map shows, in one or two sentences. */
  summary: string;
  id: string;
}) {
  const t = useT();
  const format = useFormat();
  const breaks = classBreaks(regions.flatMap((r) => (r.value === null ? [] : [r.value])));
  const hasValues = regions.some((r) => r.value !== null);
  const colours = hasValues ? palette.slice(0, breaks.length + 1) : [];
  // Hatching in map units: a zoomed-in (county) map needs a finer pattern to look the same.
  const hatchSize = Math.max(0.4, Math.round((Number(map.viewBox.split(" ")[2]) / 170) * 10) / 10);
  const hatch = `${id}-hatch`;
  const hasMissing = {
    notReported: regions.some((r) => r.value === null && r.missing !== "noneSettled"),
    noneSettled: regions.some((r) => r.missing === "noneSettled"),
  };
  const valueText = (r: ChoroplethRegion) =>
    r.value !== null
      ? t("rollup.map.perHundred", { value: format.number(r.value) })
      : t(r.missing === "noneSettled" ? "rollup.map.noneSettled" : "rollup.map.notReported");
  return (
    <figure className="choropleth">
      <svg viewBox={map.viewBox} role="img" aria-labelledby={`${id}-summary`} className="choropleth-map" preserveAspectRatio="xMidYMid meet">
        <defs>
          <pattern id={hatch} width={hatchSize} height={hatchSize} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width={hatchSize} height={hatchSize} fill="#f4f4f4" />
            <line x1="0" y1="0" x2="0" y2={hatchSize} stroke="#8a8a8a" strokeWidth={hatchSize / 3} />
          </pattern>
        </defs>
        {/* Stroke widths are set in screen pixels by rollup.css (vector-effect: non-scaling-stroke). */}
        <g className="choropleth-kommuner">
          {regions.map((r) => {
            const d = map.kommuner[r.number];
            if (!d) return null;
            const fill = r.value !== null ? colours[classOf(r.value, breaks)] : r.missing === "noneSettled" ? NONE_SETTLED : `url(#${hatch})`;
            return (
              <path key={r.number} d={d} fill={fill}>
                <title>{t("rollup.map.regionTitle", { name: r.name, value: valueText(r) })}</title>
              </path>
            );
          })}
        </g>
        <g className="choropleth-fylker" aria-hidden="true">
          {Object.entries(map.fylker).map(([number, d]) => (
            <path key={number} d={d} />
          ))}
        </g>
      </svg>
      <figcaption>
        <p id={`${id}-summary`}>{summary}</p>
        <p className="choropleth-legend-title">{t("rollup.map.legend")}</p>
        <ul className="choropleth-legend">
          {colours.map((colour, i) => (
            <li key={colour}>
              <svg width="18" height="14" aria-hidden="true">
                <rect width="18" height="14" fill={colour} stroke="#666" />
              </svg>{" "}
              {i < breaks.length
                ? t("rollup.map.range", { from: format.number(i === 0 ? 0 : breaks[i - 1]!), to: format.number(breaks[i]!) })
                : t("rollup.map.atLeast", { from: format.number(i === 0 ? 0 : breaks[i - 1]!) })}
            </li>
          ))}
          {hasMissing.noneSettled ? (
            <li>
              <svg width="18" height="14" aria-hidden="true">
                <rect width="18" height="14" fill={NONE_SETTLED} stroke="#666" />
              </svg>{" "}
              {t("rollup.map.noneSettledLegend")}
            </li>
          ) : null}
          {hasMissing.notReported ? (
            <li>
              <svg width="18" height="14" aria-hidden="true">
                <defs>
                  <pattern id={`${hatch}-legend`} width="3" height="3" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                    <rect width="3" height="3" fill="#f4f4f4" />
                    <line x1="0" y1="0" x2="0" y2="3" stroke="#8a8a8a" strokeWidth="1" />
                  </pattern>
                </defs>
                <rect width="18" height="14" fill={`url(#${hatch}-legend)`} stroke="#666" />
              </svg>{" "}
              {t("rollup.map.notReportedLegend")}
            </li>
          ) : null}
        </ul>
        {Object.keys(map.fylker).length > 1 ? <p className="muted">{t("rollup.map.countyBorder")}</p> : null}
        <p className="muted">{t("rollup.map.credit")}</p>
      </figcaption>
    </figure>
  );
}
