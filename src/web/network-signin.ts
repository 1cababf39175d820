// Sign in with Bluesky or Mastodon: coming back from any device. The OAuth flow is the linking
// one (same clients, same callbacks); what travels in its state is a sign-in bound to the
// browser that started it (a nonce in an HttpOnly cookie, stored only hashed) and to its session.
// When the network says who this is:
// - an account linked to a user: the browser becomes that user (a new session), and the link's
//   authorisation is renewed with the fresh token — unless the browser is signed into another
//   account that holds something (an archive, a link, a proof, a consent, a pledge, an email):
//   nothing is merged or dropped silently, the person is told to sign out of it first;
// - an account linked to nobody: no user is made; the token is revoked and the person is told
//   so, and offered to start (sign up, where linking is an explicit step).
import { createHash, randomBytes } from 'node:crypto';
import { type PendingSignIn, parsePendingSignIn } from '../accounts/pending.ts';
import { type LinkClients, revokeReplaced } from '../accounts/revoke.ts';
import { linkAccount, liveHolder } from '../accounts/store.ts';
import type { Database } from '../db/index.ts';
import { applyUserChange } from '../directory/fanout.ts';
import type { LinkContext, NetworkSignIn, SignInCompletion } from '../platforms/network.ts';
import { linkContext, network } from '../platforms/registry.ts';
import type { LinkPlatform } from './links.ts';

export type SignInCode =
  | 'SIGNIN_NOT_CONFIGURED'
  | 'SIGNIN_NOT_STARTED_HERE'
  | 'SIGNIN_NOT_LINKED'
  | 'SIGNIN_OTHER_ACCOUNT'
  | 'SIGNIN_FAILED';

/** A sign-in that cannot complete; the code is what the sign-in page translates. */
export class SignInError extends Error {
  readonly code: SignInCode;
  constructor(code: SignInCode, message: string) {
    super(message);
    this.code = code;
    this.name = 'SignInError';
  }
}

export const newBrowserNonce = () => randomBytes(32).toString('base64url');
const hashNonce = (nonce: string) => createHash('sha256').update(nonce).digest('base64url');

/** The network's authorize URL for a sign-in bound to this browser (nonce) and session. */
export async function startNetworkSignIn(
  database: Database,
  links: LinkClients | undefined,
  platform: LinkPlatform,
  input: { handle?: string; instance?: string; sessionId: number | null; nonce: string },
): Promise<URL> {
  const pending: PendingSignIn = {
    signIn: true,
    sessionId: input.sessionId,
    browser: hashNonce(input.nonce),
  };
  const { linking } = network(platform);
  const { ctx } = signInOf(database, links, platform);
  return linking.start(ctx, { address: input[linking.startField] ?? '', pending });
}

/** The network's sign-in and linking context; SIGNIN_NOT_CONFIGURED when this server has neither. */
function signInOf(
  database: Database,
  links: LinkClients | undefined,
  platform: LinkPlatform,
): { signIn: NetworkSignIn<unknown>; ctx: LinkContext<unknown> } {
  const signIn = network(platform).signIn;
  const ctx = linkContext(database, links, platform);
  if (!signIn || !ctx) throw notConfigured();
  return { signIn, ctx };
}

function notConfigured(): SignInError {
  return new SignInError('SIGNIN_NOT_CONFIGURED', 'Signing in with this network is not configured here.');
}

/** Whether a callback comes back from a sign-in (rather than a link) started here. */
export async function isSignInCallback(
  database: Database,
  links: LinkClients | undefined,
  platform: LinkPlatform,
  params: URLSearchParams,
): Promise<boolean> {
  const signIn = network(platform).signIn;
  if (!links || !signIn) return false;
  const pending = await signIn.pendingOf({ database, vault: links.vault, client: links[platform] }, params);
  return parsePendingSignIn(pending) !== null;
}

/** The browser finishing a sign-in: its nonce cookie and its session now. */
export interface SignInBrowser {
  nonce: string;
  session: { id: number; userId: number } | null;
}

/** Throws unless this browser, in this session, started the sign-in. */
function checkStartedHere(value: unknown, browser: SignInBrowser): void {
  const pending = parsePendingSignIn(value);
  const here =
    pending !== null &&
    browser.nonce !== '' &&
    pending.browser === hashNonce(browser.nonce) &&
    pending.sessionId === (browser.session?.id ?? null);
  if (!here)
    throw new SignInError(
      'SIGNIN_NOT_STARTED_HERE',
      'This sign-in was started in another browser or session, or has expired: start again here.',
    );
}

/**
 * Completes a sign-in: returns the user the browser is to become. The caller starts their
 * session (revoking the browser's previous one).
 */
export async function completeNetworkSignIn(
  database: Database,
  links: LinkClients,
  platform: LinkPlatform,
  params: URLSearchParams,
  browser: SignInBrowser,
): Promise<number> {
  const done = await finishOAuth(database, links, platform, params, browser);
  const holder = await liveHolder(database, platform, done.account.accountId);
  const refuse = async (error: SignInError) => {
    await done.forget(holder !== null);
    throw error;
  };
  if (holder === null)
    return refuse(
      new SignInError('SIGNIN_NOT_LINKED', 'No Passerelle account has this network account linked.'),
    );
  const current = browser.session?.userId;
  if (current !== undefined && current !== holder && (await holdsSomething(database, current)))
    return refuse(
      new SignInError(
        'SIGNIN_OTHER_ACCOUNT',
        'This browser is signed into another Passerelle account: sign out of it first, then sign in again.',
      ),
    );
  // The fresh authorisation renews the link (a link waiting for re-authorisation resumes).
  const { replaced } = await linkAccount(
    database,
    links.vault,
    { userId: holder, platform, ...done.account, credentials: done.credentials, intent: 'reauth' },
    (tx) => applyUserChange(tx, holder).then(() => undefined),
  );
  await revokeReplaced(database, links, replaced, done.account.accountId);
  return holder;
}

function finishOAuth(
  database: Database,
  links: LinkClients,
  platform: LinkPlatform,
  params: URLSearchParams,
  browser: SignInBrowser,
): Promise<SignInCompletion> {
  const { signIn, ctx } = signInOf(database, links, platform);
  return signIn.complete(ctx, params, (stored) => checkStartedHere(stored, browser));
}

/** Whether the user holds anything a switch of account would leave behind. */
async function holdsSomething(database: Database, userId: number): Promise<boolean> {
  const [row] = await database.query<{ holds: boolean }>(
    `SELECT (u.x_account_id IS NOT NULL
         OR EXISTS (SELECT 1 FROM archive_imports a WHERE a.user_id = u.id)
         OR EXISTS (SELECT 1 FROM linked_accounts la WHERE la.user_id = u.id AND la.status <> 'unlinked')
         OR EXISTS (SELECT 1 FROM user_consents uc WHERE uc.user_id = u.id)
         OR EXISTS (SELECT 1 FROM pledges p WHERE p.user_id = u.id)
         OR EXISTS (SELECT 1 FROM notification_settings n WHERE n.user_id = u.id)) AS holds
       FROM users u WHERE u.id = $1`,
    [userId],
  );
  return row?.holds ?? false;
}
