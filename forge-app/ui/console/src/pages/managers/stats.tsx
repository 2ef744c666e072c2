import type { ReactNode } from "react";

export type Tone = "neutral" | "danger" | "success";

/** Headline numbers as a description list: each label is read with its value. */
export function Stats({ label, children }: { label: string; children: ReactNode }) {
  return (
    <dl className="mgr-stats" aria-label={label}>
      {children}
    </dl>
  );
}

export function Stat({
  label,
  value,
  detail,
  tone = "neutral",
}: {
  label: string;
  value: ReactNode;
  detail?: ReactNode;
  tone?: Tone;
}) {
  return (
    <div className={`mgr-stat mgr-stat--${tone}`}>
      <dt>{label}</dt>
      <dd>
        <span className="mgr-stat-value">{value}</span>
        {detail && <span className="mgr-stat-detail">{detail}</span>}
      </dd>
    </div>
  );
}
