// The frame and look every weekly report chart (recharts) shares: a figure with a heading, an SVG title/description
// for screen readers and the same numbers as a table under "Show as table", so no one needs to see the chart.
import { useId, type ReactNode } from "react";
import type { Severity } from "../../api/managers.ts";

// Atlassian's chart tokens (https://atlassian.design/foundations/color-new/data-visualization-color),
// with their light-theme values as fallbacks; recharts passes these strings straight to fill/stroke.
export const SEVERITY_COLOUR: Record<Severity, string> = {
  SEV1: "var(--ds-chart-danger, #e2483d)",
  SEV2: "var(--ds-chart-warning, #f68909)",
  SEV3: "var(--ds-chart-information, #357de8)",
  SEV4: "var(--ds-chart-neutral, #8c8f97)",
};
export const MTTA_COLOUR = "var(--ds-chart-categorical-1, #357de8)";
export const MTTR_COLOUR = "var(--ds-chart-categorical-3, #bf63f3)";
export const AXIS = {
  stroke: "var(--ds-border, #091e4224)",
  tick: { fill: "var(--ds-text-subtle, #44546f)", fontSize: 12 },
};
export const TOOLTIP_STYLE = {
  background: "var(--ds-surface-overlay, #fff)",
  border: "1px solid var(--ds-border, #091e4224)",
  color: "var(--ds-text, #172b4d)",
};
export const CHART_STYLE = { width: "100%", height: 280 };

const weekLabel = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", timeZone: "UTC" });
/** "Mar 2": a week by its Monday (UTC, as the API buckets). */
export const formatWeek = (weekStart: string) => weekLabel.format(new Date(`${weekStart}T00:00:00Z`));

export function ChartFigure({
  title,
  summary,
  table,
  children,
}: {
  title: string;
  summary: string;
  table: ReactNode;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <figure className="panel mgr-chart" aria-labelledby={`${id}-title`} aria-describedby={`${id}-summary`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p id={`${id}-summary`} className="muted mgr-chart-summary">
        {summary}
      </p>
      <div className="mgr-chart-canvas">{children}</div>
      <details className="mgr-chart-data">
        <summary>Show as table</summary>
        <div className="table-scroll">{table}</div>
      </details>
    </figure>
  );
}
