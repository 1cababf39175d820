// Communities: creation, organisers, the invite link, and each member's consents. Members are
// X ids; someone imported by an organiser is only `invited` until they sign in with X and say
// yes, and is shown nowhere (member list, network lists) unless they also agree to be listed.
import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../db/index.ts';
import { planCommunityFollows, planFollowsOfNewMember } from './follow-all.ts';

export type CommunityErrorCode =
  | 'COMMUNITY_NOT_FOUND'
  | 'COMMUNITY_SLUG_TAKEN'
  | 'COMMUNITY_INVALID'
  | 'COMMUNITY_NOT_ORGANISER'
  | 'COMMUNITY_NOT_MEMBER'
  | 'COMMUNITY_INVITE_INVALID'
  | 'X_PROOF_REQUIRED';

export class CommunityError extends Error {
  readonly code: CommunityErrorCode;
  constructor(code: CommunityErrorCode, message: string) {
    super(message);
    this.name = 'CommunityError';
    this.code = code;
  }
}

export interface Community {
  id: number;
  slug: string;
  name: string;
  blueskyUserId: number | null;
  blueskyListUri: string | null;
  blueskyStarterPackUri: string | null;
}

const SLUG = /^[a-z0-9](?:[a-z0-9-]{1,46}[a-z0-9])$/;

export function checkSlug(slug: string): string {
  if (!SLUG.test(slug))
    throw new CommunityError(
      'COMMUNITY_INVALID',
      `"${slug.slice(0, 60)}" is not a usable slug: 3 to 48 lowercase letters, digits or dashes, not starting or ending with a dash (e.g. "my-newsroom").`,
    );
  return slug;
}

export function checkName(name: string): string {
  const trimmed = name.trim();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (trimmed.length < 1 || trimmed.length > 80 || /[\u0000-\u001f\u007f]/.test(trimmed))
    throw new CommunityError('COMMUNITY_INVALID', 'The name must be 1 to 80 characters, on one line.');
  return trimmed;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** A fresh invite token (only its hash is stored); the link carries it after a `#`. */
function newInviteToken(): { token: string; hash: string } {
  const token = randomBytes(24).toString('base64url');
  return { token, hash: hashToken(token) };
}

/** The invite link's path: the token after `#` never reaches a server log. */
export const invitePath = (slug: string, token: string) => `/communities/${slug}/join#${token}`;

export async function createCommunity(
  database: Database,
  input: { slug: string; name: string; organiserUserId?: number | null },
): Promise<Community & { inviteToken: string }> {
  const slug = checkSlug(input.slug);
  const name = checkName(input.name);
  const invite = newInviteToken();
  return database.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO communities (slug, name, invite_token_hash) VALUES ($1, $2, $3)
       ON CONFLICT (slug) DO NOTHING RETURNING id`,
      [slug, name, invite.hash],
    );
    if (!row)
      throw new CommunityError(
        'COMMUNITY_SLUG_TAKEN',
        `A community "${slug}" already exists: pick another slug.`,
      );
    const id = Number(row.id);
    if (input.organiserUserId != null) await addOrganiser(tx, id, input.organiserUserId);
    return {
      id,
      slug,
      name,
      blueskyUserId: null,
      blueskyListUri: null,
      blueskyStarterPackUri: null,
      inviteToken: invite.token,
    };
  });
}

/** An organiser is also a member who joined (they made or run it); listed as they choose later. */
export async function addOrganiser(tx: Database, communityId: number, userId: number): Promise<void> {
  await tx.query(
    `INSERT INTO community_organisers (community_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
    [communityId, userId],
  );
  const xId = await provenXId(tx, userId);
  if (xId) await markJoined(tx, communityId, xId, 'invite');
}

export async function findCommunity(database: Database, slug: string): Promise<Community> {
  const [row] = await database.query<Record<string, unknown>>(
    `SELECT id, slug, name, bluesky_user_id, bluesky_list_uri, bluesky_starter_pack_uri
       FROM communities WHERE slug = $1`,
    [slug],
  );
  if (!row) throw new CommunityError('COMMUNITY_NOT_FOUND', `No community "${slug.slice(0, 60)}".`);
  return {
    id: Number(row.id),
    slug: String(row.slug),
    name: String(row.name),
    blueskyUserId: row.bluesky_user_id == null ? null : Number(row.bluesky_user_id),
    blueskyListUri: (row.bluesky_list_uri as string | null) ?? null,
    blueskyStarterPackUri: (row.bluesky_starter_pack_uri as string | null) ?? null,
  };
}

export async function isOrganiser(database: Database, communityId: number, userId: number): Promise<boolean> {
  const rows = await database.query(
    'SELECT 1 FROM community_organisers WHERE community_id = $1 AND user_id = $2',
    [communityId, userId],
  );
  return rows.length > 0;
}

export async function requireOrganiser(database: Database, communityId: number, userId: number) {
  if (!(await isOrganiser(database, communityId, userId)))
    throw new CommunityError('COMMUNITY_NOT_ORGANISER', 'Only an organiser of this community may do this.');
}

/** A new invite link; the previous one stops working. */
export async function rotateInvite(database: Database, communityId: number): Promise<string> {
  const invite = newInviteToken();
  await database.query('UPDATE communities SET invite_token_hash = $2 WHERE id = $1', [
    communityId,
    invite.hash,
  ]);
  return invite.token;
}

async function provenXId(database: Database, userId: number): Promise<string | null> {
  const [row] = await database.query<{ x_account_id: string | null }>(
    'SELECT x_account_id FROM users WHERE id = $1 AND x_proven_at IS NOT NULL',
    [userId],
  );
  return row?.x_account_id ?? null;
}

async function requireProvenXId(database: Database, userId: number): Promise<string> {
  const xId = await provenXId(database, userId);
  if (!xId)
    throw new CommunityError(
      'X_PROOF_REQUIRED',
      'Sign in with X first: a community lists X accounts, and only their owner may say yes.',
    );
  return xId;
}

async function touch(tx: Database, communityId: number): Promise<void> {
  await tx.query('UPDATE communities SET changed_at = now() WHERE id = $1', [communityId]);
}

async function markJoined(tx: Database, communityId: number, xId: string, source: string): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO community_members (community_id, x_id, state, source, joined_at)
     VALUES ($1, $2, 'joined', $3, now())
     ON CONFLICT (community_id, x_id) DO UPDATE SET state = 'joined', joined_at = now(), updated_at = now()
       WHERE community_members.state <> 'joined'
     RETURNING 1`,
    [communityId, xId, source],
  );
  if (rows.length > 0) await touch(tx, communityId);
  return rows.length > 0;
}

export interface Membership {
  state: 'invited' | 'joined' | 'left';
  listed: boolean;
  followAll: boolean;
  mastodonList: boolean;
}

export async function membershipOf(
  database: Database,
  communityId: number,
  userId: number,
): Promise<Membership | null> {
  const [row] = await database.query<{
    state: Membership['state'];
    listed: boolean;
    follow_all: boolean;
    mastodon_list: boolean;
  }>(
    `SELECT m.state, m.listed, m.follow_all, m.mastodon_list
       FROM community_members m JOIN users u ON u.x_account_id = m.x_id AND u.x_proven_at IS NOT NULL
      WHERE m.community_id = $1 AND u.id = $2`,
    [communityId, userId],
  );
  return row
    ? { state: row.state, listed: row.listed, followAll: row.follow_all, mastodonList: row.mastodon_list }
    : null;
}

/**
 * The member's yes: an invited member needs no token (the organiser listed them); anyone else
 * needs the invite link's. Joining again changes nothing.
 */
export async function joinCommunity(
  database: Database,
  slug: string,
  userId: number,
  input: { token?: string; listed?: boolean },
): Promise<Membership> {
  const community = await findCommunity(database, slug);
  const xId = await requireProvenXId(database, userId);
  return database.transaction(async (tx) => {
    const current = await membershipOf(tx, community.id, userId);
    if (
      current?.state !== 'invited' &&
      current?.state !== 'joined' &&
      !(await tokenMatches(tx, community.id, input.token))
    )
      throw new CommunityError(
        'COMMUNITY_INVITE_INVALID',
        'This invite link is not (or no longer) valid: ask an organiser for a new one.',
      );
    const joined = await markJoined(tx, community.id, xId, 'invite');
    if (input.listed !== undefined) await setListed(tx, community.id, xId, input.listed);
    if (joined) await planFollowsOfNewMember(tx, community.id, xId);
    return (await membershipOf(tx, community.id, userId)) as Membership;
  });
}

async function tokenMatches(tx: Database, communityId: number, token: string | undefined): Promise<boolean> {
  if (!token) return false;
  const rows = await tx.query('SELECT 1 FROM communities WHERE id = $1 AND invite_token_hash = $2', [
    communityId,
    hashToken(token),
  ]);
  return rows.length > 0;
}

async function setListed(tx: Database, communityId: number, xId: string, listed: boolean): Promise<void> {
  const rows = await tx.query(
    `UPDATE community_members SET listed = $3, updated_at = now()
      WHERE community_id = $1 AND x_id = $2 AND listed <> $3 RETURNING 1`,
    [communityId, xId, listed],
  );
  if (rows.length > 0) await touch(tx, communityId);
}

/** Leaving withdraws every consent given to this community; follows already made stay. */
export async function leaveCommunity(database: Database, slug: string, userId: number): Promise<void> {
  const community = await findCommunity(database, slug);
  const xId = await requireProvenXId(database, userId);
  await database.transaction(async (tx) => {
    await tx.query(
      `UPDATE community_members
          SET state = 'left', listed = false, follow_all = false, mastodon_list = false, updated_at = now()
        WHERE community_id = $1 AND x_id = $2`,
      [community.id, xId],
    );
    await touch(tx, community.id);
  });
}

export interface Preferences {
  listed?: boolean;
  followAll?: boolean;
  mastodonList?: boolean;
}

/** A joined member's choices; turning "follow all" or the Mastodon list on plans the follows. */
export async function setPreferences(
  database: Database,
  slug: string,
  userId: number,
  prefs: Preferences,
): Promise<Membership & { planned: number }> {
  const community = await findCommunity(database, slug);
  const xId = await requireProvenXId(database, userId);
  return database.transaction(async (tx) => {
    const current = await membershipOf(tx, community.id, userId);
    if (current?.state !== 'joined')
      throw new CommunityError('COMMUNITY_NOT_MEMBER', 'Join the community first.');
    if (prefs.listed !== undefined) await setListed(tx, community.id, xId, prefs.listed);
    await tx.query(
      `UPDATE community_members
          SET follow_all = coalesce($3, follow_all), mastodon_list = coalesce($4, mastodon_list),
              mastodon_synced_at = CASE WHEN $4::boolean THEN NULL ELSE mastodon_synced_at END,
              updated_at = now()
        WHERE community_id = $1 AND x_id = $2`,
      [community.id, xId, prefs.followAll ?? null, prefs.mastodonList ?? null],
    );
    let planned = 0;
    if (prefs.followAll) planned += await planCommunityFollows(tx, community.id, userId, null);
    else if (prefs.mastodonList) planned += await planCommunityFollows(tx, community.id, userId, 'mastodon');
    return { ...((await membershipOf(tx, community.id, userId)) as Membership), planned };
  });
}

/** The organiser's Bluesky account holds the community's list and starter pack (null: stop). */
export async function setBlueskyPublisher(
  database: Database,
  communityId: number,
  userId: number | null,
): Promise<void> {
  await database.query(
    `UPDATE communities SET bluesky_user_id = $2, bluesky_synced_at = NULL, bluesky_error = NULL,
            bluesky_list_uri = CASE WHEN bluesky_user_id IS DISTINCT FROM $2 THEN NULL ELSE bluesky_list_uri END,
            bluesky_starter_pack_uri = CASE WHEN bluesky_user_id IS DISTINCT FROM $2 THEN NULL ELSE bluesky_starter_pack_uri END
      WHERE id = $1`,
    [communityId, userId],
  );
}
