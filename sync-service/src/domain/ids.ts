const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether `id` has the shape of a UUID (any version, either case): the ids Firewatch gives people, incidents and
 * schedules. Schedules may name people by other ids, which can never be a stored user's (the column is a uuid).
 */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}
