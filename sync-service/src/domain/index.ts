export * from "./alert.ts";
export * from "./clock.ts";
export * from "./errors.ts";
export * from "./incident.ts";
export * from "./principal.ts";
export * from "./service.ts";
export * from "./severity.ts";
export * from "./timeline.ts";
