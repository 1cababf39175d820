// The one way the server reaches another server. Every call goes through `safeFetch`:
// - the address is checked when the socket opens (names after DNS, and IP literals), unless
//   the development policy allows private addresses (src/net/connector.ts);
// - https only, unless the development policy allows http;
// - redirects are followed by hand, each hop checked again, at most 3, and only for GET/HEAD
//   without a body: a POST (a token exchange, a revoke) never carries its secrets elsewhere;
// - a timeout bounds the whole request, body included; the handshake has its own;
// - the response body is capped: past the limit the stream errors and the connection is dropped.
import { fetch as undiciFetch } from 'undici';
import { dispatcherFor, PRIVATE_ADDRESS_CODE } from './connector.ts';
import type { NetPolicy } from './policy.ts';

export interface SafeFetchOptions {
  /** The whole request, from connecting to the last body byte. */
  timeoutMs?: number;
  connectTimeoutMs?: number;
  /** Largest response body read. */
  maxBytes?: number;
  /** Redirects followed for GET/HEAD (each hop checked again); POSTs never follow any. */
  maxRedirects?: number;
}

export const SAFE_FETCH_DEFAULTS: Required<SafeFetchOptions> = {
  timeoutMs: 20_000,
  connectTimeoutMs: 5_000,
  maxBytes: 4 * 1024 * 1024,
  maxRedirects: 3,
};

export type SafeFetchErrorCode = 'URL_REFUSED' | 'REDIRECT_REFUSED' | 'RESPONSE_TOO_LARGE';

export class SafeFetchError extends Error {
  readonly code: SafeFetchErrorCode;
  constructor(code: SafeFetchErrorCode, message: string) {
    super(message);
    this.name = 'SafeFetchError';
    this.code = code;
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const NULL_BODY = new Set([101, 204, 205, 304]);
// Headers that must not follow a redirect to another origin (what browsers drop, and DPoP).
const ORIGIN_BOUND_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'dpop'];

function assertAllowedUrl(url: URL, policy: NetPolicy): void {
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowHttp))
    throw new SafeFetchError(
      'URL_REFUSED',
      `Only https addresses are reached (got ${url.protocol}//${url.host}).`,
    );
  if (url.username || url.password)
    throw new SafeFetchError('URL_REFUSED', `Addresses with credentials are not reached (${url.host}).`);
}

interface Outgoing {
  url: URL;
  method: string;
  headers: Headers;
  body: RequestInit['body'];
  redirect: RequestRedirect;
  signal: AbortSignal | null | undefined;
}

/** One shape for `fetch(url, init)` and `fetch(request)` (the atproto OAuth client sends Requests). */
async function outgoing(input: string | URL | Request, init: RequestInit = {}): Promise<Outgoing> {
  if (input instanceof Request) {
    const method = (init.method ?? input.method).toUpperCase();
    const body = init.body ?? (input.body ? await input.arrayBuffer() : undefined);
    return {
      url: new URL(input.url),
      method,
      headers: new Headers(init.headers ?? input.headers),
      body,
      redirect: init.redirect ?? input.redirect,
      signal: init.signal ?? input.signal,
    };
  }
  return {
    url: new URL(input),
    method: (init.method ?? 'GET').toUpperCase(),
    headers: new Headers(init.headers),
    body: init.body,
    redirect: init.redirect ?? 'follow',
    signal: init.signal,
  };
}

/** The response with its body counted: past maxBytes the stream errors and the request aborts. */
function capped(
  response: Awaited<ReturnType<typeof undiciFetch>>,
  url: URL,
  abort: AbortController,
  maxBytes: number,
): Response {
  const tooLarge = () =>
    new SafeFetchError(
      'RESPONSE_TOO_LARGE',
      `${url.host} sent more than ${maxBytes} bytes; the answer was dropped.`,
    );
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
    const err = tooLarge();
    abort.abort(err);
    throw err;
  }
  let body: ReadableStream<Uint8Array> | null = null;
  if (response.body && !NULL_BODY.has(response.status)) {
    let seen = 0;
    body = (response.body as ReadableStream<Uint8Array>).pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          seen += chunk.byteLength;
          if (seen > maxBytes) {
            const err = tooLarge();
            controller.error(err);
            abort.abort(err);
            return;
          }
          controller.enqueue(chunk);
        },
      }),
    );
  }
  const out = new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers as unknown as Headers,
  });
  Object.defineProperty(out, 'url', { value: url.href });
  return out;
}

/** Follows one redirect hop, or says why not. */
function nextHop(
  request: Outgoing,
  response: { status: number; headers: { get(n: string): string | null } },
  hops: number,
  maxRedirects: number,
): URL {
  const from = request.url;
  if (request.redirect === 'error')
    throw new SafeFetchError(
      'REDIRECT_REFUSED',
      `${from.host} answered a redirect, which this request does not follow.`,
    );
  if ((request.method !== 'GET' && request.method !== 'HEAD') || request.body != null)
    throw new SafeFetchError(
      'REDIRECT_REFUSED',
      `${from.host} redirected a ${request.method} request; it is not followed, so nothing it carries goes elsewhere.`,
    );
  if (hops >= maxRedirects)
    throw new SafeFetchError('REDIRECT_REFUSED', `${from.host} redirected more than ${maxRedirects} times.`);
  const location = response.headers.get('location');
  let to: URL;
  try {
    to = new URL(location ?? '', from);
  } catch {
    throw new SafeFetchError('REDIRECT_REFUSED', `${from.host} redirected to an invalid address.`);
  }
  if (to.origin !== from.origin) for (const name of ORIGIN_BOUND_HEADERS) request.headers.delete(name);
  return to;
}

/**
 * A fetch for outbound calls under `policy`. Callers may pass `redirect: 'manual'` to get a
 * redirect answer back as it came, or 'error' to refuse any.
 */
export function safeFetch(policy: NetPolicy, options: SafeFetchOptions = {}): typeof fetch {
  const o = { ...SAFE_FETCH_DEFAULTS, ...options };
  const dispatcher = dispatcherFor(policy, o.connectTimeoutMs);
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const request = await outgoing(input, init);
    const abort = new AbortController();
    const signals = [abort.signal, AbortSignal.timeout(o.timeoutMs)];
    if (request.signal) signals.push(request.signal);
    const signal = AbortSignal.any(signals);
    for (let hops = 0; ; hops += 1) {
      assertAllowedUrl(request.url, policy);
      const response = await undiciFetch(request.url, {
        method: request.method,
        headers: request.headers as never,
        body: request.body as never,
        redirect: 'manual',
        signal,
        dispatcher,
      });
      if (
        !REDIRECTS.has(response.status) ||
        request.redirect === 'manual' ||
        !response.headers.has('location')
      )
        return capped(response, request.url, abort, o.maxBytes);
      await response.body?.cancel();
      request.url = nextHop(request, response, hops, o.maxRedirects);
    }
  }) as typeof fetch;
}

/**
 * Why the safe fetch refused a request (a refused address or scheme, a redirect it does not
 * follow), looked for along an error's causes; null when the error is anything else.
 */
export function safeFetchRefusal(err: unknown): string | null {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 6; depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (e instanceof SafeFetchError && code !== 'RESPONSE_TOO_LARGE') return e.message;
    if (code === PRIVATE_ADDRESS_CODE) return (e as Error).message;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}
