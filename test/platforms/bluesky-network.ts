// A real Bluesky PLC + PDS from @atproto/dev-env, in this process, with its folders in a temp
// directory removed afterwards. One per test file: starting one costs a few seconds.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AtpAgent } from '@atproto/api';
import { TestNetworkNoAppView } from '@atproto/dev-env';
import type { Database } from '../../src/db/index.ts';
import { onUserChanged } from '../../src/directory/fanout.ts';
import { DEVELOPMENT_POLICY } from '../../src/net/policy.ts';
import { linkBlueskyWithAppPassword } from '../../src/platforms/bluesky/link.ts';
import type { Vault } from '../../src/vault/vault.ts';

export interface BlueskyNetwork {
  network: TestNetworkNoAppView;
  url: string;
  createAccount(name: string): Promise<{
    did: `did:${string}:${string}`;
    handle: string;
    password: string;
    appPassword: string;
    agent: AtpAgent;
  }>;
  close(): Promise<void>;
}

export async function startBlueskyNetwork(
  options: { rateLimits?: boolean; redis?: boolean } = {},
): Promise<BlueskyNetwork> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'passerelle-pds-'));
  await fs.mkdir(path.join(dir, 'data'));
  await fs.mkdir(path.join(dir, 'blobs'));
  const network = await TestNetworkNoAppView.create({
    pds: {
      dataDirectory: path.join(dir, 'data'),
      blobstoreDiskLocation: path.join(dir, 'blobs'),
      ...(options.rateLimits ? { rateLimitsEnabled: true } : {}),
      ...(options.redis ? { redisScratchAddress: process.env.REDIS_ADDRESS ?? '127.0.0.1:6379' } : {}),
    },
  });
  const url = network.pds.url;
  let n = 0;
  return {
    network,
    url,
    async createAccount(name) {
      n += 1;
      const handle = `${name}${n}.test`;
      const password = `pw-${name}-${n}-secret`;
      const agent = new AtpAgent({ service: url });
      await agent.createAccount({ email: `${name}${n}@example.test`, handle, password });
      const app = await agent.com.atproto.server.createAppPassword({ name: 'passerelle' });
      return {
        did: agent.did as `did:${string}:${string}`,
        handle,
        password,
        appPassword: app.data.password,
        agent,
      };
    },
    async close() {
      await network.close();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

/** Follow (or block) records of an account, straight from its repository: subject → count. */
export async function followRecordCounts(
  url: string,
  did: string,
  collection = 'app.bsky.graph.follow',
): Promise<Map<string, number>> {
  const agent = new AtpAgent({ service: url });
  const counts = new Map<string, number>();
  let cursor: string | undefined;
  do {
    const res = await agent.com.atproto.repo.listRecords({
      repo: did,
      collection,
      limit: 100,
      cursor,
    });
    for (const r of res.data.records) {
      const subject = (r.value as { subject: string }).subject;
      counts.set(subject, (counts.get(subject) ?? 0) + 1);
    }
    cursor = res.data.records.length > 0 ? res.data.cursor : undefined;
  } while (cursor);
  return counts;
}

/** Synthetic target DIDs (valid did:plc syntax, distinct); the PDS stores follows of any DID. */
export function syntheticDids(count: number, seed: string): string[] {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  return Array.from({ length: count }, (_, i) => {
    const digest = createHash('sha256').update(`${seed}:${i}`).digest();
    return `did:plc:${Array.from(digest.subarray(0, 24), (b) => alphabet[b % 32]).join('')}`;
  });
}

/** A new PDS account linked with its app password to `userId`, the directory told: as a sign-up would. */
export async function linkNewAccount(
  net: BlueskyNetwork,
  database: Database,
  vault: Vault,
  userId: number,
  name: string,
) {
  const account = await net.createAccount(name);
  await linkBlueskyWithAppPassword(database, vault, {
    userId,
    service: net.url,
    identifier: account.handle,
    appPassword: account.appPassword,
    policy: DEVELOPMENT_POLICY,
  });
  await onUserChanged(database, userId);
  return account;
}
