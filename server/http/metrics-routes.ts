import type Router from '@koa/router';
import type { AppDeps } from '../app-deps';

export function registerMetricsRoutes(router: Router, deps: Pick<AppDeps, 'metrics' | 'clusterStatus'>): void {
  router.get('/metrics', async (ctx) => {
    // Reading the status sets the cluster gauges.
    deps.clusterStatus?.();
    const { registry } = deps.metrics;
    ctx.set('Cache-Control', 'no-store');
    ctx.type = registry.contentType;
    ctx.body = await registry.metrics();
  });
}
