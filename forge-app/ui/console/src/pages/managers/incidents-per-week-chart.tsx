import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { SEVERITIES, type WeekBucket } from "../../api/managers.ts";
import { AXIS, CHART_STYLE, ChartFigure, formatWeek, SEVERITY_COLOUR, TOOLTIP_STYLE } from "./chart-figure.tsx";

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
