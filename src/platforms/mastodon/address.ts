// Mastodon addresses have one stored form: `user@host`, lowercase (Mastodon compares them without
// case: Account.find_remote / find_local match usernames and domains case-insensitively).

/** `user@host`, lowercased; a bare `user` is on `localHost`. */
export function normalizeAcct(acct: string, localHost: string): string {
  const clean = normalizeTarget(acct);
  return clean.includes('@') ? clean : `${clean}@${localHost.toLowerCase()}`;
}

/** A stored target's one form: `user@host`, lowercase, no leading `@`. */
export function normalizeTarget(target: string): string {
  return target.trim().replace(/^@/, '').toLowerCase();
}
