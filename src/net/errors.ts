// Why a call to another server failed, in the words an operator acts on: refused, timed out,
// DNS, TLS, reset. One classification for every message that names a network failure (CLI,
// worker logs, platform errors), read from the error and its causes (fetch wraps the socket's
// error as `cause`, the atproto client wraps fetch's).

/** The code of the connect-time refusal of a private address (src/net/connector.ts). */
export const PRIVATE_ADDRESS_CODE = 'EPRIVATEADDRESS';

export type NetworkCauseKind =
  | 'refused'
  | 'timed_out'
  | 'dns'
  | 'tls'
  | 'reset'
  | 'unreachable'
  | 'not_allowed'
  | 'aborted';

export interface NetworkCause {
  kind: NetworkCauseKind;
  /** Short words for a message: "connection refused", "timed out after 20 s"… */
  text: string;
}

const BY_CODE: Record<string, NetworkCause> = {
  ECONNREFUSED: { kind: 'refused', text: 'connection refused' },
  ENOTFOUND: { kind: 'dns', text: 'DNS: name not found' },
  EAI_AGAIN: { kind: 'dns', text: 'DNS: lookup failed for now' },
  EAI_FAIL: { kind: 'dns', text: 'DNS: lookup failed' },
  ETIMEDOUT: { kind: 'timed_out', text: 'connection timed out' },
  UND_ERR_CONNECT_TIMEOUT: { kind: 'timed_out', text: 'connection timed out' },
  UND_ERR_HEADERS_TIMEOUT: { kind: 'timed_out', text: 'timed out waiting for the answer' },
  UND_ERR_BODY_TIMEOUT: { kind: 'timed_out', text: 'timed out reading the answer' },
  ECONNRESET: { kind: 'reset', text: 'connection reset' },
  EPIPE: { kind: 'reset', text: 'connection closed while sending' },
  UND_ERR_SOCKET: { kind: 'reset', text: 'connection closed by the other side' },
  EHOSTUNREACH: { kind: 'unreachable', text: 'host unreachable' },
  ENETUNREACH: { kind: 'unreachable', text: 'network unreachable' },
};

/** OpenSSL's and Node's certificate and handshake codes. */
const TLS_CODE =
  /^(ERR_TLS_|ERR_SSL_|EPROTO$|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT|UNABLE_TO_(GET|VERIFY)_)/;

function fromOne(err: object): NetworkCause | null {
  const code = (err as { code?: unknown }).code;
  const message = (err as { message?: unknown }).message;
  if (typeof code === 'string') {
    const known = BY_CODE[code];
    if (known) return known;
    if (TLS_CODE.test(code)) return { kind: 'tls', text: `TLS: ${tlsWords(code, message)}` };
    if (code === PRIVATE_ADDRESS_CODE || code === 'URL_REFUSED' || code === 'REDIRECT_REFUSED')
      return { kind: 'not_allowed', text: String(message) };
  }
  const name = (err as { name?: unknown }).name;
  if (name === 'TimeoutError') return { kind: 'timed_out', text: 'timed out (no answer in time)' };
  if (name === 'AbortError') return { kind: 'aborted', text: 'stopped before an answer came' };
  return null;
}

function tlsWords(code: string, message: unknown): string {
  if (code === 'CERT_HAS_EXPIRED') return 'the certificate has expired';
  if (/SELF_SIGNED/.test(code)) return 'self-signed certificate';
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return 'the certificate is for another name';
  return typeof message === 'string' && message ? message : code;
}

/** The network cause of an error, looking through its `cause` chain; null when it is not one. */
export function networkCause(err: unknown): NetworkCause | null {
  let current: unknown = err;
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth += 1) {
    const found = fromOne(current);
    // An abort's reason may say more (a timeout signal aborts with a TimeoutError).
    if (found && found.kind !== 'aborted') return found;
    const next = (current as { cause?: unknown }).cause;
    if (!next && found) return found;
    current = next;
  }
  return null;
}

/** The cause in words when it is a network failure, else the error's own message. */
export function failureWords(err: unknown): string {
  const cause = networkCause(err);
  if (cause) return cause.text;
  return err instanceof Error ? err.message : String(err);
}

/** The service's origin for a message (never its path or query, which may carry tokens). */
export function serviceOrigin(url: string | URL): string {
  try {
    return new URL(url).origin;
  } catch {
    return String(url).slice(0, 100);
  }
}

/** "Bluesky sign-in at https://pds.example failed: connection refused". */
export function failedAt(what: string, service: string | URL, err: unknown): string {
  return `${what} at ${serviceOrigin(service)} failed: ${failureWords(err)}`;
}
