import type { ReactNode } from "react";

/**
 * Accessible bar charts rendered as plain SVG on the server: readable without
 * JavaScript, with <title>/<desc>, role="img" and aria-labelledby, each bar
 * labelled with its name and value in text (so colour is never the only
 * carrier), highlighted bars also hatched and marked in text, and a data
 * table beside the chart (the caller's table as children, or a <details>
 * table built from the rows).
 *
 * Colours: bars #1f4e8c on white (8.4:1), highlighted bars #a32020 hatched
 * (7.1:1), text #1a1a1a; all above the 3:1 WCAG asks of graphics.
 */

export interface BarDatum {
  /** Stable key (e.g. the theme code). */
  key: string;
  label: string;
  value: number;
  /** Text shown at the end of the bar; defaults to the number. */
  valueLabel?: string;
  /** Drawn hatched in the highlight colour, and `highlightText` added to its label. */
  highlight?: boolean;
}

export interface BarChartProps {
  /** Unique on the page: ids of the title, description and pattern derive from it. */
  id: string;
  title: string;
  description: string;
  data: BarDatum[];
  /** Appended to highlighted bars' value label, e.g. "gap". */
  highlightText?: string;
  /** The data table beside the chart. Without it, a <details> table of label/value is rendered. */
  children?: ReactNode;
  /** Headings of the fallback table. */
  labelHeading?: string;
  valueHeading?: string;
  /** Summary text of the fallback table's <details>. */
  tableSummary?: string;
}

const BAR = "#1f4e8c";
const HIGHLIGHT = "#a32020";
const TEXT = "#1a1a1a";
const GRID = "#6b6b6b";

const WIDTH = 640;
const LABEL_WIDTH = 210;
const VALUE_WIDTH = 110;
const ROW = 26;
const BAR_HEIGHT = 16;
const TOP = 8;

/** A label cut to fit the label column (the full text stays in the table and the bar's <title>). */
function fit(text: string, max = 30): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function BarChart({ id, title, description, data, highlightText, children, labelHeading, valueHeading, tableSummary }: BarChartProps) {
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const patternId = `${id}-hatch`;
  const max = Math.max(1, ...data.map((d) => d.value));
  const plotWidth = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const height = TOP * 2 + Math.max(1, data.length) * ROW;
  return (
    <figure className="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="chart-caption">
        {title}
      </figcaption>
      <div className="chart-body">
        <svg
          className="chart-svg"
          role="img"
          aria-labelledby={`${titleId} ${descId}`}
          viewBox={`0 0 ${WIDTH} ${height}`}
          width="100%"
          preserveAspectRatio="xMinYMin meet"
          xmlns="http://www.w3.org/2000/svg"
        >
          <title id={titleId}>{title}</title>
          <desc id={descId}>{description}</desc>
          <defs>
            <pattern id={patternId} patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
              <rect width="6" height="6" fill="#ffffff" />
              <rect width="3" height="6" fill={HIGHLIGHT} />
            </pattern>
          </defs>
          <line x1={LABEL_WIDTH} x2={LABEL_WIDTH} y1={TOP / 2} y2={height - TOP / 2} stroke={GRID} strokeWidth="1" />
          {data.map((d, i) => {
            const y = TOP + i * ROW;
            const w = d.value > 0 ? Math.max(2, (d.value / max) * plotWidth) : 0;
            const valueText = `${d.valueLabel ?? String(d.value)}${d.highlight && highlightText ? ` (${highlightText})` : ""}`;
            return (
              <g key={d.key}>
                <title>{`${d.label}: ${valueText}`}</title>
                <text x={LABEL_WIDTH - 8} y={y + BAR_HEIGHT - 3} textAnchor="end" fontSize="13" fill={TEXT}>
                  {fit(d.label)}
                </text>
                {w > 0 ? (
                  <rect
                    x={LABEL_WIDTH + 1}
                    y={y}
                    width={w}
                    height={BAR_HEIGHT}
                    fill={d.highlight ? `url(#${patternId})` : BAR}
                    stroke={d.highlight ? HIGHLIGHT : BAR}
                    strokeWidth="1"
                  />
                ) : null}
                <text x={LABEL_WIDTH + 1 + w + 6} y={y + BAR_HEIGHT - 3} fontSize="13" fill={d.highlight ? HIGHLIGHT : TEXT} fontWeight={d.highlight ? "bold" : "normal"}>
                  {valueText}
                </text>
              </g>
            );
          })}
        </svg>
        <div className="chart-table">
          {children ?? (
            <details>
              <summary>{tableSummary ?? title}</summary>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{labelHeading ?? ""}</th>
                    <th scope="col">{valueHeading ?? ""}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.map((d) => (
                    <tr key={d.key}>
                      <th scope="row">{d.label}</th>
                      <td>
                        {d.valueLabel ?? d.value}
                        {d.highlight && highlightText ? ` (${highlightText})` : ""}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          )}
        </div>
      </div>
    </figure>
  );
}
