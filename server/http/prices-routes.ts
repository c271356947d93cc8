import type Router from '@koa/router';
import type { AppDeps } from '../app';

// Stub: filled in by its owner.
export function registerPriceRoutes(_router: Router, _deps: AppDeps): void {}
