// The message that names what really went wrong. Errors are wrapped on their way up (fetch's
// "fetch failed" around "connect ECONNREFUSED", a failed job around a store error), and health or
// a log line that shows only the outer message hides the cause an operator needs.

/** What fetch's own errors hide: the deepest cause's message ("connect ECONNREFUSED 127.0.0.1:9"). */
export function rootCause(error: unknown): string {
  let current: unknown = error;
  const seen = new Set<unknown>();
  let message = current instanceof Error ? current.message : String(current);
  while (current instanceof Error && current.cause !== undefined && !seen.has(current.cause)) {
    // A schema error's message is its whole list of issues: the wrapper already says it.
    if (typeof current.cause === 'object' && current.cause !== null && 'issues' in current.cause) break;
    seen.add(current);
    current = current.cause;
    if (current instanceof Error && current.message) message = current.message;
    else if (typeof current === 'string') message = current;
  }
  return message;
}

/** The error's own message, and its root cause's when that says something more. */
export function describeError(error: unknown, maxLength = 500): string {
  const own = error instanceof Error ? error.message : String(error);
  const root = rootCause(error);
  return (own.includes(root) ? own : `${own}: ${root}`).slice(0, maxLength);
}
