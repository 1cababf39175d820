// Mastodon's address grammar, checked on everything that comes in from an instance or a file
// before it is stored: anything else (`=hyperlink(…)`, spaces, markup) is no Mastodon account.
// Mastodon's Account::USERNAME_RE: [a-z0-9_]+([a-z0-9_.-]+[a-z0-9_]+)? (case-insensitive; local
// accounts use only [a-z0-9_], remote ones may have inner dots and dashes).
const USERNAME = /^[a-z0-9_]+([a-z0-9_.-]*[a-z0-9_])?$/i;
/** A DNS label (letters, digits, inner dashes; punycode included), 1 to 63 characters. */
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;
const PORT = /^[0-9]{1,5}$/;

export function isMastodonUsername(username: string): boolean {
  return username.length <= 100 && USERNAME.test(username);
}

/** A host name, with a port as development instances have (localhost:3000). */
export function isMastodonDomain(domain: string): boolean {
  const [host = '', port, ...rest] = domain.split(':');
  if (rest.length > 0 || (port !== undefined && !PORT.test(port))) return false;
  return host.length <= 253 && host.split('.').every((label) => LABEL.test(label));
}

/** `user@domain`, with an optional leading @. */
export function isMastodonAddress(address: string): boolean {
  const [username = '', domain, ...rest] = address.replace(/^@/, '').split('@');
  return (
    rest.length === 0 && domain !== undefined && isMastodonUsername(username) && isMastodonDomain(domain)
  );
}

// One stored form: `user@host`, lowercase (Mastodon compares them without
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
