// GET /metrics: Prometheus text. It tells the Node version, memory and client counts, so it is
// never public by default: with METRICS_TOKEN it needs that bearer token, with METRICS_PORT it is
// served by a listener of its own (server/http/metrics-app.ts), and with neither the public port
// answers 404.
import { timingSafeEqual } from 'node:crypto';
import type Router from '@koa/router';
import type { Context } from 'koa';
import type { AppDeps } from '../app-deps';
import { HttpError } from '../http-error';

export function registerMetricsRoutes(router: Router, deps: Pick<AppDeps, 'config' | 'metrics' | 'clusterStatus'>, where: 'public' | 'own-port'): void {
  const { token, port } = deps.config.metrics;
  router.get('/metrics', async (ctx) => {
    if (where === 'public' && token === undefined) {
      const hint = port === undefined ? 'set METRICS_TOKEN or METRICS_PORT' : 'they are on METRICS_PORT';
      throw new HttpError(404, 'not_found', `metrics are not served on this port (${hint})`);
    }
    if (token !== undefined) requireBearer(ctx, token);
    // Reading the status sets the cluster gauges.
    deps.clusterStatus?.();
    const { registry } = deps.metrics;
    ctx.set('Cache-Control', 'no-store');
    ctx.type = registry.contentType;
    ctx.body = await registry.metrics();
  });
}

function requireBearer(ctx: Context, token: string): void {
  const given = Buffer.from(/^Bearer (.+)$/.exec(ctx.get('Authorization'))?.[1] ?? '');
  const wanted = Buffer.from(token);
  // Compared in constant time, so the answer's timing does not leak the token byte by byte.
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
    ctx.set('WWW-Authenticate', 'Bearer realm="metrics"');
    throw new HttpError(401, 'unauthorized', 'metrics need Authorization: Bearer <METRICS_TOKEN>');
  }
}
