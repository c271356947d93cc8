import type { Context, Next } from 'koa';

// Stub: serves the built client and the SPA fallback.
export function staticFiles(_dir: string) {
  return async (_ctx: Context, next: Next): Promise<void> => {
    await next();
  };
}
