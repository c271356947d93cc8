// Times in other tools' files: epoch seconds or milliseconds, `{"seconds","nanos"}` (Java's
// Instant through Gson), ISO-8601 strings, and Flipping Utilities' zone-less local
// `yyyy-MM-dd hh:mm a` that needs the exporting PC's time zone. All become unix seconds.

/** Unix seconds, or null when the value is no time we know. */
export function parseTimeValue(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return Math.floor(value > 1e11 ? value / 1000 : value);
  if (typeof value === 'string' && value.trim() !== '') {
    const text = value.trim();
    if (/^\d+$/.test(text)) return parseTimeValue(Number(text));
    const ms = Date.parse(text);
    return Number.isFinite(ms) ? Math.floor(ms / 1000) : null;
  }
  if (typeof value === 'object' && value !== null && 'seconds' in value) {
    const seconds = (value as { seconds: unknown }).seconds;
    return typeof seconds === 'number' && Number.isFinite(seconds) ? Math.floor(seconds) : null;
  }
  return null;
}

/** How far a zone's wall clock is ahead of UTC at an instant (ms). */
function zoneOffset(utcMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - utcMs;
}

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2}) (\d{1,2}):(\d{2}) ?([AP]M)$/i;

/** `2024-03-05 09:15 PM` on a wall clock in `timeZone` (IANA) as unix seconds; null if it does not parse. */
export function parseLocalDateTime(text: string, timeZone: string): number | null {
  const match = LOCAL_RE.exec(text.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute, half] = match;
  const hours = (Number(hour) % 12) + (half!.toUpperCase() === 'PM' ? 12 : 0);
  if (Number(hour) > 12 || Number(minute) > 59) return null;
  const wall = Date.UTC(Number(year), Number(month) - 1, Number(day), hours, Number(minute));
  // Two passes settle the offset across a daylight-saving change.
  let utc = wall - zoneOffset(wall, timeZone);
  utc = wall - zoneOffset(utc, timeZone);
  return Math.floor(utc / 1000);
}
