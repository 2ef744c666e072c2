import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import type { WeekBucket } from "../../api/managers.ts";
import { formatDuration } from "../../components/time.tsx";
import {
  AXIS,
  CHART_STYLE,
  ChartFigure,
  formatWeek,
  MTTA_COLOUR,
  MTTR_COLOUR,
  TOOLTIP_STYLE,
} from "./chart-figure.tsx";

/** The unit the duration axis counts in, so its ticks are round numbers of minutes, hours or days. */
function durationUnit(maxSeconds: number): { seconds: number; suffix: string; name: string } {
  if (maxSeconds >= 2 * 86_400) return { seconds: 86_400, suffix: "d", name: "days" };
  if (maxSeconds >= 2 * 3600) return { seconds: 3600, suffix: "h", name: "hours" };
  return { seconds: 60, suffix: "m", name: "minutes" };
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
