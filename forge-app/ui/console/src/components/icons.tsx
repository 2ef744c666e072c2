// Small inline SVG icons (16×16, currentColor): no icon font and no emoji, so they render the same in
// every browser, in screenshots and inside Jira. Each carries its accessible name.
import type { ReactNode } from "react";

const PATHS: Record<string, ReactNode> = {
  flame: (
    <path d="M8 1c.5 2.5 3.5 4 3.5 7.5A3.5 3.5 0 0 1 8 12a3.5 3.5 0 0 1-3.5-3.5c0-1.5.8-2.6 1.6-3.4C6.3 6.6 7 7 7.5 7 7 5 7.4 2.8 8 1ZM3 10.5A5 5 0 0 0 13 10.5c0 2.8-2.2 4.5-5 4.5s-5-1.7-5-4.5Z" />
  ),
  ticket: <path d="M2 4h12v2.5a1.5 1.5 0 0 0 0 3V12H2V9.5a1.5 1.5 0 0 0 0-3V4Zm4 2v4h1V6H6Z" />,
  chat: <path d="M2 3h12v8H6l-3 3v-3H2V3Zm3 3v1h6V6H5Zm0 2v1h4V8H5Z" />,
  broadcast: (
    <path d="M8 6.5a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3ZM4.5 4.5l.8.8a3.8 3.8 0 0 0 0 5.4l-.8.8a5 5 0 0 1 0-7Zm7 0a5 5 0 0 1 0 7l-.8-.8a3.8 3.8 0 0 0 0-5.4l.8-.8ZM2.6 2.6l.8.8a6.5 6.5 0 0 0 0 9.2l-.8.8a7.7 7.7 0 0 1 0-10.8Zm10.8 0a7.7 7.7 0 0 1 0 10.8l-.8-.8a6.5 6.5 0 0 0 0-9.2l.8-.8Z" />
  ),
  bell: (
    <path d="M8 1.5a1 1 0 0 1 1 1v.6A4 4 0 0 1 12 7v3l1.5 2h-11L4 10V7a4 4 0 0 1 3-3.9v-.6a1 1 0 0 1 1-1ZM6.5 13.5h3a1.5 1.5 0 0 1-3 0Z" />
  ),
  phone: (
    <path d="M4.5 1.5h2l1 3L6 5.8a8.2 8.2 0 0 0 4.2 4.2l1.3-1.5 3 1v2a2 2 0 0 1-2 2A11 11 0 0 1 2.5 3.5a2 2 0 0 1 2-2Z" />
  ),
  bolt: <path d="M9 1 3 9h4l-1 6 6-8H8l1-6Z" />,
  mail: (
    <path fillRule="evenodd" d="M1.5 3.5h13v9h-13v-9Zm2.1 1.2L8 7.8l4.4-3.1H3.6Zm-.9 1v5.6h10.6V5.7L8 9.4 2.7 5.7Z" />
  ),
  dot: <circle cx="8" cy="8" r="3" />,
};

/** An icon; without a label it is decoration and hidden from assistive technology. */
export function Icon({ name, label }: { name: string; label?: string }) {
  const a11y = label ? { role: "img", "aria-label": label } : { "aria-hidden": true };
  return (
    <svg className="icon" viewBox="0 0 16 16" width="16" height="16" fill="currentColor" {...a11y}>
      {label && <title>{label}</title>}
      {PATHS[name] ?? PATHS.dot}
    </svg>
  );
}
