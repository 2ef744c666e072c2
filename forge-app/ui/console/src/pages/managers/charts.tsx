// The report's weekly charts (recharts). Each is a figure with a heading, an SVG title/description for
// screen readers and the same numbers as a table under "Show as table", so no one needs to see the chart.
import { useId, type ReactNode } from "react";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { SEVERITIES, type Severity, type WeekBucket } from "../../api/managers.ts";
import { formatDuration } from "../../components/time.tsx";

// Atlassian's chart tokens (https://atlassian.design/foundations/color-new/data-visualization-color),
// with their light-theme values as fallbacks; recharts passes these strings straight to fill/stroke.
const SEVERITY_COLOUR: Record<Severity, string> = {
  SEV1: "var(--ds-chart-danger, #e2483d)",
  SEV2: "var(--ds-chart-warning, #f68909)",
  SEV3: "var(--ds-chart-information, #357de8)",
  SEV4: "var(--ds-chart-neutral, #8c8f97)",
};
const MTTA_COLOUR = "var(--ds-chart-categorical-1, #357de8)";
const MTTR_COLOUR = "var(--ds-chart-categorical-3, #bf63f3)";
const AXIS = { stroke: "var(--ds-border, #091e4224)", tick: { fill: "var(--ds-text-subtle, #44546f)", fontSize: 12 } };
const TOOLTIP_STYLE = {
  background: "var(--ds-surface-overlay, #fff)",
  border: "1px solid var(--ds-border, #091e4224)",
  color: "var(--ds-text, #172b4d)",
};
const CHART_STYLE = { width: "100%", height: 280 };

const weekLabel = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", timeZone: "UTC" });
/** "Mar 2": a week by its Monday (UTC, as the API buckets). */
export const formatWeek = (weekStart: string) => weekLabel.format(new Date(`${weekStart}T00:00:00Z`));

/** The unit the duration axis counts in, so its ticks are round numbers of minutes, hours or days. */
function durationUnit(maxSeconds: number): { seconds: number; suffix: string; name: string } {
  if (maxSeconds >= 2 * 86_400) return { seconds: 86_400, suffix: "d", name: "days" };
  if (maxSeconds >= 2 * 3600) return { seconds: 3600, suffix: "h", name: "hours" };
  return { seconds: 60, suffix: "m", name: "minutes" };
}

function ChartFigure({
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

/** Stacked bars: incidents opened each week, by severity. */
export function IncidentsPerWeekChart({ weeks }: { weeks: WeekBucket[] }) {
  const title = "Incidents per week by severity";
  const data = weeks.map((w) => ({ week: formatWeek(w.weekStart), ...w.bySeverity }));
  const busiest = weeks.reduce<WeekBucket | null>((top, w) => (!top || w.incidents > top.incidents ? w : top), null);
  const total = weeks.reduce((n, w) => n + w.incidents, 0);
  const summary =
    total === 0
      ? `No incidents in these ${weeks.length} weeks.`
      : `${total} incidents over ${weeks.length} weeks; the busiest week (from ${formatWeek(busiest!.weekStart)}) had ${busiest!.incidents}.`;
  const table = (
    <table>
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">Week from</th>
          {SEVERITIES.map((s) => (
            <th scope="col" key={s}>
              {s}
            </th>
          ))}
          <th scope="col">Total</th>
        </tr>
      </thead>
      <tbody>
        {weeks.map((w) => (
          <tr key={w.weekStart}>
            <th scope="row">
              <time dateTime={w.weekStart}>{formatWeek(w.weekStart)}</time>
            </th>
            {SEVERITIES.map((s) => (
              <td key={s}>{w.bySeverity[s]}</td>
            ))}
            <td>{w.incidents}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <ChartFigure title={title} summary={summary} table={table}>
      <BarChart
        responsive
        style={CHART_STYLE}
        data={data}
        title={title}
        desc={summary}
        margin={{ top: 8, right: 8, bottom: 0, left: -16 }}
      >
        <CartesianGrid vertical={false} stroke="var(--ds-border, #091e4224)" />
        <XAxis dataKey="week" {...AXIS} interval="preserveStartEnd" minTickGap={8} />
        <YAxis allowDecimals={false} {...AXIS} />
        <Tooltip
          contentStyle={TOOLTIP_STYLE}
          labelFormatter={(label) => `Week from ${String(label)}`}
          cursor={{ fill: "var(--ds-background-neutral, #091e420f)" }}
        />
        <Legend />
        {SEVERITIES.map((s) => (
          <Bar key={s} dataKey={s} name={s} stackId="severity" fill={SEVERITY_COLOUR[s]} isAnimationActive={false} />
        ))}
      </BarChart>
    </ChartFigure>
  );
}

/** Two lines: the median time to acknowledge and to resolve of each week's incidents. */
export function ResponseTimesChart({ weeks }: { weeks: WeekBucket[] }) {
  const title = "MTTA and MTTR per week (median)";
  const unit = durationUnit(Math.max(0, ...weeks.flatMap((w) => [w.mttaMedianSeconds ?? 0, w.mttrMedianSeconds ?? 0])));
  const inUnit = (seconds: number | null) => (seconds === null ? null : seconds / unit.seconds);
  const data = weeks.map((w) => ({
    week: formatWeek(w.weekStart),
    MTTA: inUnit(w.mttaMedianSeconds),
    MTTR: inUnit(w.mttrMedianSeconds),
  }));
  const measured = weeks.filter((w) => w.mttaMedianSeconds !== null || w.mttrMedianSeconds !== null);
  const last = measured.at(-1);
  const summary = last
    ? `Median time to acknowledge (MTTA) and to resolve (MTTR), week by week; weeks without incidents have no point. Latest week with data (from ${formatWeek(last.weekStart)}): MTTA ${formatDuration(last.mttaMedianSeconds)}, MTTR ${formatDuration(last.mttrMedianSeconds)}.`
    : "No incident in these weeks was acknowledged or resolved.";
  const table = (
    <table>
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">Week from</th>
          <th scope="col">MTTA (median)</th>
          <th scope="col">MTTR (median)</th>
        </tr>
      </thead>
      <tbody>
        {weeks.map((w) => (
          <tr key={w.weekStart}>
            <th scope="row">
              <time dateTime={w.weekStart}>{formatWeek(w.weekStart)}</time>
            </th>
            <td>{formatDuration(w.mttaMedianSeconds)}</td>
            <td>{formatDuration(w.mttrMedianSeconds)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <ChartFigure title={title} summary={summary} table={table}>
      <LineChart
        responsive
        style={CHART_STYLE}
        data={data}
        title={title}
        desc={summary}
        margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
      >
        <CartesianGrid vertical={false} stroke="var(--ds-border, #091e4224)" />
        <XAxis dataKey="week" {...AXIS} interval="preserveStartEnd" minTickGap={8} />
        <YAxis
          {...AXIS}
          allowDecimals={false}
          tickFormatter={(v: number) => `${v}${unit.suffix}`}
          label={{
            value: unit.name,
            angle: -90,
            position: "insideLeft",
            offset: 16,
            fill: "var(--ds-text-subtlest, #626f86)",
            fontSize: 12,
          }}
        />
        <Tooltip
          contentStyle={TOOLTIP_STYLE}
          labelFormatter={(label) => `Week from ${String(label)}`}
          formatter={(value) => formatDuration(typeof value === "number" ? value * unit.seconds : null)}
        />
        <Legend />
        <Line
          type="monotone"
          dataKey="MTTA"
          name="MTTA (median)"
          stroke={MTTA_COLOUR}
          strokeWidth={2}
          dot={{ r: 3 }}
          isAnimationActive={false}
        />
        <Line
          type="monotone"
          dataKey="MTTR"
          name="MTTR (median)"
          stroke={MTTR_COLOUR}
          strokeWidth={2}
          strokeDasharray="6 3"
          dot={{ r: 3 }}
          isAnimationActive={false}
        />
      </LineChart>
    </ChartFigure>
  );
}
