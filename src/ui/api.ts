// The SPA's side of the JSON API: same-origin fetch with the session cookie and the CSRF header.
import type { MembersReport } from '../communities/import.ts';
import type { NewAccount, PublicPage, ShareState } from '../share/public-page.ts';
import type { Activation, Match, Matches, Progress, ProtectedPeople } from '../web/contracts.ts';

export type {
  Activation,
  Match,
  Matches,
  MembersReport,
  NewAccount,
  Progress,
  ProtectedPeople,
  PublicPage,
  ShareState,
};
export interface ArchiveSummary {
  xAccountId: string;
  username: string | null;
  following: number;
  followers: number;
  importedAt: string;
}

/** The progress of the last archive upload (GET /api/archive/import). */
export interface ImportJob {
  id: number;
  state: 'staging' | 'stored' | 'replaced' | 'failed';
  done: number;
  total: number;
  error: string | null;
  startedAt: string;
  updatedAt: string;
}

export interface LinkedAccount {
  platform: 'bluesky' | 'mastodon';
  handle: string;
  status: string;
}

export interface User {
  id: number;
  createdAt: string;
  xAccountId: string | null;
  xProven: boolean;
  archive: ArchiveSummary | null;
  linked: LinkedAccount[];
}

export interface Stats {
  users: number;
  archives: number;
  linked: { bluesky: number; mastodon: number };
  connections: { bluesky: number; mastodon: number };
  pledges: number;
  generatedAt: string;
}

export interface StatsHistory {
  days: string[];
  users: number[];
  archives: number[];
  bluesky: number[];
  mastodon: number[];
}

export interface Pledge {
  pledge: {
    kind: 'percent' | 'date';
    percent: number | null;
    leaveOn: string | null;
    email: string | null;
    reachedAt: string | null;
  } | null;
  progress: Here;
}

/** How many of the people followed on X are here (src/directory/here.ts). */
export interface Here {
  following: number;
  here: number;
  onBluesky: number;
  onMastodon: number;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly params: Record<string, string | number>;
  constructor(status: number, code: string, message: string, params: Record<string, string | number> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.params = params;
  }
}

let csrfToken: string | undefined;

/** keepalive: the request outlives the page (sent as it is left). */
async function call<T>(method: string, path: string, body?: unknown, keepalive = false): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') {
    if (!csrfToken) await getSession();
    headers['x-csrf-token'] = csrfToken ?? '';
  }
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
      keepalive,
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The server cannot be reached.');
  }
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => null)) as
    | (T & { error?: { code: string; message: string; params?: Record<string, string | number> } })
    | null;
  if (!res.ok || !data) {
    const error = data?.error;
    throw new ApiError(
      res.status,
      error?.code ?? `HTTP_${res.status}`,
      error?.message ?? res.statusText,
      error?.params,
    );
  }
  return data;
}

export async function getSession(): Promise<User | null> {
  const data = await call<{ user: User | null; csrfToken: string }>('GET', '/api/session');
  csrfToken = data.csrfToken;
  return data.user;
}

/** The session's user, starting an anonymous session when there is none. */
export async function startSession(): Promise<User> {
  const data = await call<{ user: User; csrfToken: string }>('POST', '/api/session');
  csrfToken = data.csrfToken;
  return data.user;
}

export const signOut = (everywhere = false) =>
  call<void>('DELETE', everywhere ? '/api/session?everywhere=true' : '/api/session');
export const getStats = () => call<Stats>('GET', '/api/stats');
export const getStatsHistory = () => call<StatsHistory>('GET', '/api/stats/history');
export const uploadArchive = (body: unknown) =>
  call<{ archive: ArchiveSummary }>('POST', '/api/archive', body);
export const getImportJob = () => call<{ job: ImportJob | null }>('GET', '/api/archive/import');

/** An archive sent in parts (src/web/routes/archive-parts.ts): its bounds, start, parts, finish. */
export type UploadLimits = { partIds: number; maxPartBytes: number; maxIdsPerList: number };
export type PartsUpload = { id: number; partSize: number; parts: Record<string, number> };
export const getUploadLimits = () => call<UploadLimits>('GET', '/api/archive/uploads/limits');
export const startPartsUpload = (body: unknown) =>
  call<{ upload: PartsUpload }>('POST', '/api/archive/uploads', body);
export const sendUploadPart = (id: number, list: string, part: number, ids: string[]) =>
  call<{ part: { ids: number } }>('PUT', `/api/archive/uploads/${id}/${list}/${part}`, { ids });
export const finishPartsUpload = (id: number) =>
  call<{ archive: ArchiveSummary }>('POST', `/api/archive/uploads/${id}/finish`, {});
/** Cancels an upload in parts; sent even when the page is being left. */
export const cancelPartsUpload = (id: number) =>
  call<void>('DELETE', `/api/archive/uploads/${id}`, undefined, true);
export const deleteAccount = () => call<void>('DELETE', '/api/account');
export const getPledge = () => call<Pledge>('GET', '/api/pledge');
export const savePledge = (body: unknown) => call<Pledge>('PUT', '/api/pledge', body);
export const withdrawPledge = () => call<void>('DELETE', '/api/pledge');

// Matches and progress: shapes in src/web/contracts.ts; routes come from the directory and the
// follow engine.

export function getMatches(params: {
  network?: string;
  filter?: string;
  q?: string;
  cursor?: string;
  limit?: string;
}): Promise<Matches> {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v) as [string, string][]);
  return call<Matches>('GET', `/api/matches?${query}`);
}
export const dismissMatch = (id: string) =>
  call<Match>('POST', `/api/matches/${encodeURIComponent(id)}/dismiss`);
export const restoreMatch = (id: string) =>
  call<Match>('POST', `/api/matches/${encodeURIComponent(id)}/restore`);
export const reconnectAll = (network?: string) =>
  call<{ queued: number }>('POST', '/api/reconnect', { network });
export const makeBlueskyList = () =>
  call<{ uri: string; members: number }>('POST', '/api/matches/bluesky-list');
export const setAutoMode = (enabled: boolean) =>
  call<{ enabled: boolean }>('PUT', '/api/reconnect/auto', { enabled });
export const getProgress = () => call<Progress>('GET', '/api/progress');
export const getActivation = () => call<{ activation: Activation | null }>('GET', '/api/activation');
export interface LinkStart {
  handle?: string;
  instance?: string;
  replace?: boolean;
  reauthorize?: boolean;
}
/** Starts linking (POST with the CSRF token): the network's page to send the browser to. */
/** Sign in with X: a POST with the CSRF token, answered with X's consent page to go to. */
export const startXSignIn = () => call<{ url: string }>('POST', '/auth/x/start');
export const startLink = (platform: 'bluesky' | 'mastodon', body: LinkStart) =>
  call<{ url: string }>('POST', `/api/links/${platform}`, body);
export interface LinkFailure {
  platform: string;
  code: string;
  holder: string;
}
export const getLinks = () =>
  call<{ links: LinkedAccount[]; failure: LinkFailure | null }>('GET', '/api/links');
export const unlinkAccount = (platform: string) =>
  call<void>('DELETE', `/api/links/${encodeURIComponent(platform)}`);

export interface Consents {
  /** null until the person answers the sign-up's question. */
  discoverable: boolean | null;
  autoFollow: boolean;
  publicStats: boolean;
  followBack: boolean;
  carrySafety: boolean;
  blocksAsMutes: boolean;
}
export interface ConsentsWithHistory {
  consents: Consents;
  history: Array<{
    consent: keyof Consents;
    value: boolean;
    changedAt: string;
    givenBy: 'user' | 'operator';
  }>;
}
export const getConsents = () => call<ConsentsWithHistory>('GET', '/api/consents');
export const saveConsents = (changes: Partial<Consents>) =>
  call<ConsentsWithHistory>('PUT', '/api/consents', changes);
/** Who, of the people blocked or muted on X, is on the user's networks: asked for, never shown unasked. */
export const getProtectedPeople = () => call<ProtectedPeople>('GET', '/api/matches/protected');

// Communities (src/communities/routes.ts).
export interface CommunityMembership {
  state: 'invited' | 'joined' | 'left';
  listed: boolean;
  followAll: boolean;
  mastodonList: boolean;
}
export interface CommunityView {
  slug: string;
  name: string;
  counts: { members: number; joined: number; onBluesky: number; onMastodon: number; pledged: number };
  me: CommunityMembership | null;
  organiser: boolean;
  bluesky: { publishing: boolean; list: string | null; starterPack: string | null };
  planned?: number;
}
export interface CommunityHistory {
  days: string[];
  joined: number[];
  bluesky: number[];
  mastodon: number[];
}
export interface CommunityMember {
  xId: string;
  username: string | null;
  bluesky: string | null;
  mastodon: string | null;
}
export interface Circles {
  computedAt: string | null;
  circles: Array<{ names: string[]; size: number; moved: number }>;
}
const community = (slug: string) => `/api/communities/${encodeURIComponent(slug)}`;
export const getCommunity = (slug: string) => call<CommunityView>('GET', community(slug));
export const getCommunityHistory = (slug: string) =>
  call<CommunityHistory>('GET', `${community(slug)}/history`);
export const getCommunityMembers = (slug: string) =>
  call<{ members: CommunityMember[] }>('GET', `${community(slug)}/members`);
export const createCommunity = (body: { slug: string; name: string }) =>
  call<{ slug: string; invitePath: string }>('POST', '/api/communities', body);
export const joinCommunity = (slug: string, body: { token?: string; listed: boolean }) =>
  call<CommunityView>('POST', `${community(slug)}/join`, body);
export const leaveCommunity = (slug: string) => call<CommunityView>('POST', `${community(slug)}/leave`);
export const saveCommunityChoices = (slug: string, body: Partial<Omit<CommunityMembership, 'state'>>) =>
  call<CommunityView>('PUT', `${community(slug)}/me`, body);
export const newInvite = (slug: string) => call<{ invitePath: string }>('POST', `${community(slug)}/invite`);
export const publishOnBluesky = (slug: string, enabled: boolean) =>
  call<CommunityView>('PUT', `${community(slug)}/bluesky`, { enabled });
/** Organisers: invite members from a CSV with an x_id column; the row report comes back. */
export const importCommunityMembers = (slug: string, body: { csv: string; skipInvalid: boolean }) =>
  call<MembersReport>('POST', `${community(slug)}/members`, body);
export const getCircles = () => call<Circles>('GET', '/api/circles');

export interface MastodonInstance {
  host: string;
  languages: string[];
  topics: string[];
  signups: 'open' | 'approval' | 'closed';
}
export const getShare = () => call<ShareState>('GET', '/api/share');
export const setPublicPage = (enabled: boolean) =>
  call<ShareState>('PUT', '/api/share/public-page', { enabled });
export const getPublicPage = (username: string) =>
  call<PublicPage>('GET', `/api/people/${encodeURIComponent(username)}`);
export const getMastodonInstances = (lang: string) =>
  call<{ instances: MastodonInstance[] }>('GET', `/api/mastodon/instances?lang=${encodeURIComponent(lang)}`);

/** Sign in with a linked Bluesky or Mastodon account: the network's page to go to. */
export const startNetworkSignIn = (
  platform: 'bluesky' | 'mastodon',
  body: { handle?: string; instance?: string },
) => call<{ url: string }>('POST', `/api/signin/${platform}`, body);

export interface SessionView {
  id: number;
  current: boolean;
  device: string | null;
  createdAt: string;
  lastSeenAt: string;
}
export const listSessions = () => call<{ sessions: SessionView[] }>('GET', '/api/sessions');
export const signOutSession = (id: number) => call<void>('POST', `/api/sessions/${id}/sign-out`);
export const signOutOtherSessions = () => call<{ ended: number }>('POST', '/api/sessions/sign-out-others');

// The address Passerelle's emails go to (src/web/routes/email.ts): shown to its owner only.
export interface EmailSettings {
  available: boolean;
  email: string | null;
  digest: boolean;
  pending: { email: string; expiresAt: string } | null;
}
export const getEmailSettings = () => call<EmailSettings>('GET', '/api/email');
export const giveEmail = (email: string, lang: string) =>
  call<EmailSettings>('PUT', '/api/email', { email, lang });
export const removeEmail = () => call<EmailSettings>('DELETE', '/api/email');
export const setEmailDigest = (enabled: boolean) =>
  call<EmailSettings>('PUT', '/api/email/digest', { enabled });
/** The emailed links' actions: the token proves the mailbox, no session is needed. */
export const confirmEmail = (token: string) => call<{ ok: true }>('POST', '/api/email/confirm', { token });
export const unsubscribeEmail = (token: string) =>
  call<{ ok: true }>('POST', '/api/email/unsubscribe', { token });
