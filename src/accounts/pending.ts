// A link in progress: who started it, from which session, asking for what. It waits server-side
// (sealed) between the start and the network's callback; the callback completes it only for
// the session that started it.
import type { LinkIntent } from './store.ts';

export interface PendingLink {
  userId: number;
  /** The web session that started it; null from the command line (no callback there). */
  sessionId: number | null;
  intent: LinkIntent;
}

/** Throws when the callback's browser may not complete this pending link. */
export type AcceptPending = (pending: PendingLink) => void;

/** Reads a pending link back from its stored form; older or foreign shapes are refused. */
export function parsePending(value: unknown): PendingLink | null {
  const v = value as Partial<PendingLink> | null;
  if (typeof v?.userId !== 'number') return null;
  const intent = v.intent === 'replace' || v.intent === 'reauth' ? v.intent : 'link';
  return { userId: v.userId, sessionId: typeof v.sessionId === 'number' ? v.sessionId : null, intent };
}

/**
 * Signing in with a network account: who the browser becomes is decided when the network says
 * who this is. Bound to the browser that started it (a nonce in an HttpOnly cookie, kept here
 * only as its hash) and to the session it had then, if any. It has no user: completing it as a
 * link is refused (parsePending reads no user).
 */
export interface PendingSignIn {
  signIn: true;
  sessionId: number | null;
  /** SHA-256 (base64url) of the browser's nonce. */
  browser: string;
}

export function parsePendingSignIn(value: unknown): PendingSignIn | null {
  const v = value as Partial<PendingSignIn> | null;
  if (v?.signIn !== true || typeof v.browser !== 'string') return null;
  return {
    signIn: true,
    sessionId: typeof v.sessionId === 'number' ? v.sessionId : null,
    browser: v.browser,
  };
}
