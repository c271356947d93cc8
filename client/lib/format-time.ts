/** "14:05" in the user's time zone, for "as of" lines; 24-hour like the live indicator's "updated 14:05:09" (one time format per screen). */
export function formatClock(ms: number): string {
  return new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', hour12: false });
}

/** "14:05" today, "3 Jan 14:05" on another day. */
export function formatWhen(ms: number, nowMs: number): string {
  const date = new Date(ms);
  const sameDay = date.toDateString() === new Date(nowMs).toDateString();
  if (sameDay) return formatClock(ms);
  return `${date.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })} ${formatClock(ms)}`;
}
