// Bluesky lists kept up to date: a curate list (app.bsky.graph.list), its items
// (app.bsky.graph.listitem, written through applyWrites, up to 200 a call) and a starter pack
// (app.bsky.graph.starterpack) pointing at the list. Writes cost what the PDS charges:
// 3 points a create, 1 a delete.
import type { Agent } from '@atproto/api';
import type { ListChange, NetworkLists, UsageCost } from '../types.ts';
import { mapBlueskyError } from './errors.ts';

export const LIST_COLLECTION = 'app.bsky.graph.list';
export const LIST_ITEM_COLLECTION = 'app.bsky.graph.listitem';
export const STARTER_PACK_COLLECTION = 'app.bsky.graph.starterpack';
const MAX_WRITES = 200;

/** Worst case: every write a create (3 points), one request per 200 writes. */
export function blueskyListCost(writes: number): UsageCost {
  return { follows: 0, requests: writes === 0 ? 0 : Math.ceil(writes / MAX_WRITES), points: 3 * writes };
}

const rkeyOf = (uri: string) => uri.split('/').pop() ?? '';

export class BlueskyLists implements NetworkLists {
  readonly #agent: Agent;
  readonly #did: string;
  #spent: UsageCost = { follows: 0, requests: 0, points: 0 };

  constructor(agent: Agent, did: string) {
    this.#agent = agent;
    this.#did = did;
  }

  spent(): UsageCost {
    return { ...this.#spent };
  }

  #charge(requests: number, points: number): void {
    this.#spent = {
      follows: 0,
      requests: this.#spent.requests + requests,
      points: this.#spent.points + points,
    };
  }

  async #create(collection: string, record: Record<string, unknown>): Promise<string> {
    try {
      const res = await this.#agent.com.atproto.repo.createRecord({
        repo: this.#did,
        collection,
        record: { $type: collection, ...record, createdAt: new Date().toISOString() },
      });
      return res.data.uri;
    } catch (err) {
      throw mapBlueskyError(err, `create ${collection}`);
    } finally {
      this.#charge(1, 3);
    }
  }

  create(list: { name: string; description: string }): Promise<string> {
    return this.#create(LIST_COLLECTION, {
      purpose: 'app.bsky.graph.defs#curatelist',
      name: list.name.slice(0, 64),
      description: list.description.slice(0, 300),
    });
  }

  async starterPack(listId: string, pack: { name: string; description: string }): Promise<string> {
    return this.#create(STARTER_PACK_COLLECTION, {
      name: pack.name.slice(0, 50),
      description: pack.description.slice(0, 300),
      list: listId,
    });
  }

  async exists(listId: string): Promise<boolean> {
    this.#charge(1, 0);
    try {
      await this.#agent.com.atproto.repo.getRecord({
        repo: this.#did,
        collection: LIST_COLLECTION,
        rkey: rkeyOf(listId),
      });
      return true;
    } catch (err) {
      if (/RecordNotFound|Could not locate record/i.test(String((err as Error).message ?? err))) return false;
      throw mapBlueskyError(err, 'getRecord');
    }
  }

  /** Every item of this list in the account's repository: subject DID → item rkey. */
  async members(listId: string): Promise<Map<string, string>> {
    const items = new Map<string, string>();
    let cursor: string | undefined;
    do {
      this.#charge(1, 0);
      let res: Awaited<ReturnType<Agent['com']['atproto']['repo']['listRecords']>>;
      try {
        res = await this.#agent.com.atproto.repo.listRecords({
          repo: this.#did,
          collection: LIST_ITEM_COLLECTION,
          limit: 100,
          cursor,
        });
      } catch (err) {
        throw mapBlueskyError(err, 'listRecords');
      }
      for (const r of res.data.records) {
        const value = r.value as { subject?: unknown; list?: unknown };
        if (value.list === listId && typeof value.subject === 'string')
          items.set(value.subject, rkeyOf(r.uri));
      }
      cursor = res.data.records.length > 0 ? res.data.cursor : undefined;
    } while (cursor);
    return items;
  }

  async add(listId: string, targets: readonly string[]): Promise<ListChange> {
    const refused = new Map<string, string>();
    const valid = targets.filter((t) => t.startsWith('did:') || !refused.set(t, 'not a DID'));
    const createdAt = new Date().toISOString();
    const done: string[] = [];
    for (let i = 0; i < valid.length; i += MAX_WRITES) {
      const chunk = valid.slice(i, i + MAX_WRITES);
      this.#charge(1, 3 * chunk.length);
      try {
        await this.#agent.com.atproto.repo.applyWrites({
          repo: this.#did,
          validate: true,
          writes: chunk.map((subject) => ({
            $type: 'com.atproto.repo.applyWrites#create' as const,
            collection: LIST_ITEM_COLLECTION,
            value: { $type: LIST_ITEM_COLLECTION, subject, list: listId, createdAt },
          })),
        });
      } catch (err) {
        throw mapBlueskyError(err, 'applyWrites');
      }
      done.push(...chunk);
    }
    return { done, refused };
  }

  async remove(_listId: string, refs: readonly string[]): Promise<ListChange> {
    const done: string[] = [];
    for (let i = 0; i < refs.length; i += MAX_WRITES) {
      const chunk = refs.slice(i, i + MAX_WRITES);
      this.#charge(1, chunk.length);
      try {
        await this.#agent.com.atproto.repo.applyWrites({
          repo: this.#did,
          writes: chunk.map((rkey) => ({
            $type: 'com.atproto.repo.applyWrites#delete' as const,
            collection: LIST_ITEM_COLLECTION,
            rkey,
          })),
        });
      } catch (err) {
        throw mapBlueskyError(err, 'applyWrites');
      }
      done.push(...chunk);
    }
    return { done, refused: new Map() };
  }
}
