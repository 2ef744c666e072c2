export { ForgeInstallation, ForgePlatform, type EventDelivery, type ForgeSite } from "./forge-platform.ts";
export {
  FIT_ISSUER,
  FORGE_ENVIRONMENT_ID,
  InvocationTokens,
  type FitClaims,
  type FitOverrides,
} from "./invocation-tokens.ts";
