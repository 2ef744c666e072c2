import { InvalidInputDomainError } from "./errors.ts";
import type { Severity } from "./severity.ts";

export interface Service {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  readonly description: string;
  /** The Events v2 `routing_key` and Alertmanager path segment that page this service: 32 hex characters. */
  readonly integrationKey: string;
  readonly defaultSeverity: Severity;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export const INTEGRATION_KEY_PATTERN = /^[0-9a-f]{32}$/;

/** @throws InvalidInputDomainError when the name is blank or longer than 255 characters */
export function validServiceName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 255) {
    throw new InvalidInputDomainError("SERVICE.INVALID_NAME", "A service name has 1 to 255 characters.");
  }
  return trimmed;
}
