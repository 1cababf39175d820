// Security headers on every response (pages, API, redirects, errors), through Hono's
// secureHeaders; HSTS only when the request came over https, directly or through a trusted proxy
// (sent over plain http it would be ignored, and a plain-http trial must stay reachable).
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { clientProtocol } from './client-ip.ts';

/**
 * Same-origin scripts and styles only; never framed (clickjacking); no <base> rewriting. Images
 * may come from any https origin: matched accounts' avatars are on their networks' servers.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'https:'],
  styleSrc: ["'self'", "'unsafe-inline'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  objectSrc: ["'none'"],
};

export const HSTS = 'max-age=31536000; includeSubDomains';

export function securityHeaders(trustProxyHops: number): MiddlewareHandler {
  const common = secureHeaders({
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    xFrameOptions: 'DENY',
    referrerPolicy: 'same-origin',
    strictTransportSecurity: false,
  });
  return async (c, next) => {
    await common(c, next);
    if (clientProtocol(c, trustProxyHops) === 'https:') c.res.headers.set('Strict-Transport-Security', HSTS);
  };
}
