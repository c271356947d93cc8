// Headers on every response, whichever layer answers it (the app, the API, an error, the stream).
// The CSP allows what the app does today and nothing more: its own scripts and styles (no inline
// script, no eval), item icons from the wiki's image origin, connections to its own origin only.
// Inline style attributes are allowed: Solid renders static `style={{…}}` into its templates'
// markup, and a style attribute cannot run script. CORS is in ./cors.ts (docs/decisions/0009-cors.md).
import type { Context, Next } from 'koa';
import { WIKI_IMAGE_ORIGIN } from '../../shared/domain/wiki-origin';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "style-src-attr 'unsafe-inline'",
  `img-src 'self' ${WIKI_IMAGE_ORIGIN}`,
  "connect-src 'self'",
  "font-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  // Nothing the app links to needs to know where the visitor came from.
  'Referrer-Policy': 'no-referrer',
  // frame-ancestors for browsers that predate it.
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

export function securityHeaders() {
  return async (ctx: Context, next: Next): Promise<void> => {
    ctx.set(HEADERS);
    await next();
  };
}
