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

/*
 * The chart has no viewBox: text is drawn at its real size whatever the
 * screen's width (a scaled 640-unit chart shrank 13 px labels to 7 px on a
 * phone), and bars are percentages of the width. Each label stands on its own
 * line(s) above its bar, so a long theme name in any language is never cut.
 */
const FONT = 14;
const LINE = 18;
const BAR_HEIGHT = 14;
const ROW_GAP = 12;
const TOP = 4;
/** The longest bar, as a share of the width: the rest holds the value text. */
const PLOT_SHARE = 62;
/** Characters per label line: fits a 320 px wide phone at 14 px. */
const LABEL_LINE_CHARS = 36;

/** A label broken at spaces into lines of at most `max` characters (a longer word gets a line of its own). */
export function labelLines(text: string, max = LABEL_LINE_CHARS): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.length > 0 ? lines : [""];
}

export function BarChart({ id, title, description, data, highlightText, children, labelHeading, valueHeading, tableSummary }: BarChartProps) {
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const patternId = `${id}-hatch`;
  const max = Math.max(1, ...data.map((d) => d.value));
  const rows: { datum: BarDatum; lines: string[]; y: number }[] = [];
  let y = TOP;
  for (const datum of data) {
    const lines = labelLines(datum.label);
    rows.push({ datum, lines, y });
    y += lines.length * LINE + BAR_HEIGHT + ROW_GAP;
  }
  const height = Math.max(y, TOP * 2 + LINE + BAR_HEIGHT);
  return (
    <figure className="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="chart-caption">
        {title}
      </figcaption>
      <div className="chart-body">
        <svg className="chart-svg" role="img" aria-labelledby={`${titleId} ${descId}`} width="100%" height={height} xmlns="http://www.w3.org/2000/svg">
          <title id={titleId}>{title}</title>
          <desc id={descId}>{description}</desc>
          <defs>
            <pattern id={patternId} patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
              <rect width="6" height="6" fill="#ffffff" />
              <rect width="3" height="6" fill={HIGHLIGHT} />
            </pattern>
          </defs>
          <line x1="0.5" x2="0.5" y1={TOP / 2} y2={height - TOP / 2} stroke={GRID} strokeWidth="1" />
          {rows.map(({ datum: d, lines, y: rowY }) => {
            const barY = rowY + lines.length * LINE + 2;
            const share = d.value > 0 ? Math.max(0.5, (d.value / max) * PLOT_SHARE) : 0;
            const valueText = `${d.valueLabel ?? String(d.value)}${d.highlight && highlightText ? ` (${highlightText})` : ""}`;
            return (
              <g key={d.key}>
                <title>{`${d.label}: ${valueText}`}</title>
                <text x="6" y={rowY + FONT} fontSize={FONT} fill={TEXT}>
                  {lines.map((line, i) => (
                    <tspan key={i} x="6" dy={i === 0 ? 0 : LINE}>
                      {line}
                    </tspan>
                  ))}
                </text>
                {share > 0 ? (
                  <rect
                    x="1"
                    y={barY}
                    width={`${share}%`}
                    height={BAR_HEIGHT}
                    fill={d.highlight ? `url(#${patternId})` : BAR}
                    stroke={d.highlight ? HIGHLIGHT : BAR}
                    strokeWidth="1"
                  />
                ) : null}
                {/* A nested <svg> placed at the bar's end (a percentage) lets the value text sit a few pixels after it. */}
                <svg x={`${share}%`} y={barY} overflow="visible">
                  <text x="8" y={BAR_HEIGHT - 2} fontSize={FONT} fill={d.highlight ? HIGHLIGHT : TEXT} fontWeight={d.highlight ? "bold" : "normal"}>
                    {valueText}
                  </text>
                </svg>
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
