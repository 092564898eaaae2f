/**
 * The app's idea of "now" for what depends on the calendar (today's date, the month in progress, the demo's last
 * day, a report's as-of). `FRONTIER_NOW` (an ISO date or date-time) pins it, so tests give the server a fixed day
 * instead of depending on when they run; unset, it is the real clock. Expiry of sessions, links and locks always
 * uses the real clock.
 */
export function now(): Date {
  const pinned = process.env.FRONTIER_NOW;
  if (!pinned) return new Date();
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(pinned) ? `${pinned}T12:00:00Z` : pinned);
  if (Number.isNaN(d.getTime())) throw new Error(`FRONTIER_NOW is not a date: ${pinned}`);
  return d;
}

/** Today as YYYY-MM-DD (UTC). */
export function today(): string {
  return now().toISOString().slice(0, 10);
}
