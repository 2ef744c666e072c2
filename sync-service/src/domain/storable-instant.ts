/**
 * Whether `date` is an instant Firewatch can store: years 1 to 9999 (UTC). JavaScript dates reach year
 * ±275760, but the database driver writes a date as ISO-8601 text, and PostgreSQL reads neither the
 * six-digit expanded years (`+099999-…`) nor year 0 (https://www.postgresql.org/docs/current/datatype-datetime.html).
 */
export function isStorableInstant(date: Date): boolean {
  const year = date.getUTCFullYear();
  return year >= 1 && year <= 9999;
}
