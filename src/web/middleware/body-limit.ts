// Request bodies are bounded before anything reads them: a declared Content-Length over the
// limit is answered 413 at once, a chunked body as soon as it passes the limit. The JSON inputs
// are a few hundred bytes; the archive upload has its larger limit on its own route.
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { MAX_BODY_BYTES } from '../body-size.ts';
import { apiError } from '../errors.ts';

export { MAX_BODY_BYTES };

export function bodyTooLarge(c: Context, maxBytes: number, code = 'BODY_TOO_LARGE') {
  return apiError(c, 413, code, `The request body exceeds ${maxBytes} bytes.`, { maxBytes });
}

/** Limits every body to `maxBytes`, except on the routes `exempt` names (they carry their own). */
export function limitBodies(
  maxBytes: number,
  exempt: (method: string, path: string) => boolean,
): MiddlewareHandler {
  const limit = bodyLimit({ maxSize: maxBytes, onError: (c) => bodyTooLarge(c, maxBytes) });
  return (c, next) => (exempt(c.req.method, c.req.path) ? next() : limit(c, next));
}
