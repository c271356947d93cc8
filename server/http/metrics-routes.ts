import type Router from '@koa/router';
import type { AppDeps } from '../app';

export function registerMetricsRoutes(router: Router, deps: AppDeps): void {
  router.get('/metrics', async (ctx) => {
    const { registry } = deps.metrics;
    ctx.set('Cache-Control', 'no-store');
    ctx.type = registry.contentType;
    ctx.body = await registry.metrics();
  });
}
