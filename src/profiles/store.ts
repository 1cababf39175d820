// The profile cache: what the networks' public look-ups said about an account (display name,
// avatar), read by the matches page without waiting, written by the background look-ups.
import type { Database } from '../db/index.ts';

export interface ProfileKey {
  platform: 'bluesky' | 'mastodon';
  /** DID on Bluesky, `user@host` on Mastodon (a match's follow target). */
  target: string;
}

export interface Profile {
  displayName: string | null;
  /** An https URL from the network's answer, or null. */
  avatar: string | null;
}

/** A look-up's answer: the profile, or null when the network says there is no such account. */
export type LookupResult = Profile | null;

const MAX_NAME = 120;
const MAX_URL = 1000;

/** A display name as stored: control characters out, trimmed, bounded; empty is none. */
export function cleanDisplayName(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const name = value.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  return name ? name.slice(0, MAX_NAME) : null;
}

/** Only an https URL is ever kept as an avatar (the page loads it as an image). */
export function httpsUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > MAX_URL) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && !url.username && !url.password ? url.href : null;
  } catch {
    return null;
  }
}

const keyOf = (k: ProfileKey) => `${k.platform}:${k.target}`;

/**
 * The cached profiles of these accounts (found ones only), and which accounts to look up: never
 * looked up, or looked up longer than `maxAgeSeconds` ago (their stale answer is still shown).
 */
export async function cachedProfiles(
  database: Database,
  keys: ProfileKey[],
  maxAgeSeconds: number,
  now = new Date(),
): Promise<{ profiles: Map<string, Profile>; stale: ProfileKey[] }> {
  const profiles = new Map<string, Profile>();
  if (keys.length === 0) return { profiles, stale: [] };
  const rows = await database.query<{
    platform: string;
    target: string;
    found: boolean;
    display_name: string | null;
    avatar_url: string | null;
    checked_at: Date | string;
  }>(
    `SELECT p.platform, p.target, p.found, p.display_name, p.avatar_url, p.checked_at
       FROM network_profiles p
       JOIN unnest($1::text[], $2::text[]) AS k(platform, target)
         ON p.platform = k.platform AND p.target = k.target`,
    [keys.map((k) => k.platform), keys.map((k) => k.target)],
  );
  const fresh = new Set<string>();
  for (const row of rows) {
    const key = `${row.platform}:${row.target}`;
    if (row.found) profiles.set(key, { displayName: row.display_name, avatar: httpsUrl(row.avatar_url) });
    if (now.getTime() - new Date(row.checked_at).getTime() < maxAgeSeconds * 1000) fresh.add(key);
  }
  return { profiles, stale: keys.filter((k) => !fresh.has(keyOf(k))) };
}

export function profileKey(platform: string, target: string): string {
  return `${platform}:${target}`;
}

/** Stores look-up answers ("no such account" included), replacing older ones. */
export async function saveProfiles(
  database: Database,
  answers: { key: ProfileKey; result: LookupResult }[],
): Promise<void> {
  if (answers.length === 0) return;
  await database.query(
    `INSERT INTO network_profiles (platform, target, found, display_name, avatar_url, checked_at)
     SELECT * , now() FROM unnest($1::text[], $2::text[], $3::boolean[], $4::text[], $5::text[])
     ON CONFLICT (platform, target) DO UPDATE SET found = EXCLUDED.found,
       display_name = EXCLUDED.display_name, avatar_url = EXCLUDED.avatar_url, checked_at = now()`,
    [
      answers.map((a) => a.key.platform),
      answers.map((a) => a.key.target),
      answers.map((a) => a.result !== null),
      answers.map((a) => cleanDisplayName(a.result?.displayName)),
      answers.map((a) => httpsUrl(a.result?.avatar)),
    ],
  );
}
