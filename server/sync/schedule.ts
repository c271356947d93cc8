// When the window jobs run. Pure, so the boundary arithmetic is unit-tested.

/**
 * The first time after `nowMs` that is `delayMs` past a multiple of `stepSeconds` (UTC-aligned,
 * like the wiki's windows): a /5m poll at hh:m5 + delay, a /1h poll at hh:00 + delay.
 */
export function nextWindowRun(nowMs: number, stepSeconds: number, delayMs: number): number {
  const stepMs = stepSeconds * 1000;
  const boundary = Math.floor((nowMs - delayMs) / stepMs) * stepMs;
  return boundary + stepMs + delayMs;
}

/** The start of the newest window of `stepSeconds` that is complete at `nowMs`. */
export function lastCompleteWindow(nowMs: number, stepSeconds: number): number {
  const now = Math.floor(nowMs / 1000);
  return now - (now % stepSeconds) - stepSeconds;
}

/**
 * When the catalogue is next due: one `intervalMs` after its last successful /mapping (unix ms),
 * or now when it has none or is empty. A sync starting (a restart, a newly elected leader) keeps
 * to this too, so a fresh catalogue is not downloaded again; a last success in the future (a
 * clock stepped back) counts as now.
 */
export function nextMappingRun(lastSuccessMs: number | null, catalogueEmpty: boolean, nowMs: number, intervalMs: number): number {
  if (lastSuccessMs === null || catalogueEmpty) return nowMs;
  return Math.min(lastSuccessMs, nowMs) + intervalMs;
}
