export { ForgeInstallation, ForgePlatform, type EventDelivery, type ForgeSite } from "./forge-platform.ts";
export { FIT_ISSUER, InvocationTokens, type FitClaims, type FitOverrides } from "./invocation-tokens.ts";
