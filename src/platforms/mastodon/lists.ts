// Mastodon lists kept up to date (POST /api/v1/lists, /api/v1/lists/:id/accounts). Lists are
// private to their owner, and an account can only be added once the owner follows it
// (docs.joinmastodon.org/methods/lists/#accounts-add): targets not followed yet are refused here,
// before asking, and added at a later sync once their follow is made.
import type { ListChange, NetworkLists, UsageCost } from '../types.ts';
import { normalizeAcct } from './address.ts';
import type { MastodonAccount, MastodonClient } from './api.ts';

/** Relationships read per call (its id[] list). */
const RELATIONSHIPS_BATCH = 40;

/** Worst case per target: a lookup and a search; per call: relationships, then the add. */
export function mastodonListCost(writes: number): UsageCost {
  return {
    follows: 0,
    requests: writes === 0 ? 0 : 2 * writes + Math.ceil(writes / RELATIONSHIPS_BATCH) + 1,
    points: 0,
  };
}

export class MastodonLists implements NetworkLists {
  readonly #client: MastodonClient;
  readonly #host: string;
  readonly #find: (acct: string) => Promise<MastodonAccount | null>;
  readonly #startRequests: number;

  constructor(client: MastodonClient, host: string, find: (acct: string) => Promise<MastodonAccount | null>) {
    this.#client = client;
    this.#host = host;
    this.#find = find;
    this.#startRequests = client.requests;
  }

  spent(): UsageCost {
    return { follows: 0, requests: this.#client.requests - this.#startRequests, points: 0 };
  }

  async create(list: { name: string; description: string }): Promise<string> {
    return (await this.#client.createList(list.name.slice(0, 100))).id;
  }

  async exists(listId: string): Promise<boolean> {
    return (await this.#client.getList(listId)) !== null;
  }

  /** Every account in the list: `user@host` → its id on this instance. */
  async members(listId: string): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    let path: string | null = `/api/v1/lists/${encodeURIComponent(listId)}/accounts?limit=0`;
    const seen = new Set<string>();
    while (path && !seen.has(path)) {
      seen.add(path);
      const page: { accounts: MastodonAccount[]; next: string | null } =
        await this.#client.followingPage(path);
      for (const a of page.accounts) out.set(normalizeAcct(a.acct, this.#host), a.id);
      path = page.accounts.length > 0 ? page.next : null;
    }
    return out;
  }

  async add(listId: string, targets: readonly string[]): Promise<ListChange> {
    const refused = new Map<string, string>();
    const ids = new Map<string, string>();
    for (const target of targets) {
      const found = await this.#find(target);
      if (!found || found.suspended) refused.set(target, 'account not found');
      else ids.set(target, found.id);
    }
    const followed = new Set<string>();
    const unique = [...new Set(ids.values())];
    for (let i = 0; i < unique.length; i += RELATIONSHIPS_BATCH) {
      for (const r of await this.#client.relationships(unique.slice(i, i + RELATIONSHIPS_BATCH)))
        if (r.following) followed.add(r.id);
    }
    const done: string[] = [];
    for (const [target, id] of ids) {
      if (followed.has(id)) done.push(target);
      else refused.set(target, 'not followed yet');
    }
    if (done.length > 0)
      await this.#client.addToList(
        listId,
        done.map((t) => ids.get(t) as string),
      );
    return { done, refused };
  }

  async remove(listId: string, refs: readonly string[]): Promise<ListChange> {
    if (refs.length > 0) await this.#client.removeFromList(listId, refs);
    return { done: [...refs], refused: new Map() };
  }
}
