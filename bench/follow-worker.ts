// One worker process of the engine-overhead benchmark: drains every due task against the
// zero-latency in-process peer and prints what it dispatched, as one JSON line.
import { openDatabase } from '../src/db/index.ts';
import { FollowEngine } from '../src/reconnect/engine.ts';
import { parseVaultKeys, Vault } from '../src/vault/vault.ts';
import { FakePeer } from '../test/reconnect/fake-peer.ts';

const url = process.env.DATABASE_URL;
const keys = process.env.PASSERELLE_VAULT_KEYS;
if (!url || !keys) throw new Error('DATABASE_URL and PASSERELLE_VAULT_KEYS are required');
const loops = Number(process.env.BENCH_LOOPS ?? 4);
const database = await openDatabase({ kind: 'postgres', url });
const vault = new Vault(parseVaultKeys(keys));
const peer = new FakePeer({ platform: 'bench', maxBatch: Number(process.env.BENCH_BATCH ?? 200) });
const startedAt = Date.now();
const started = performance.now();
let batches = 0;
await Promise.all(
  Array.from({ length: loops }, async () => {
    const engine = new FollowEngine({ database, vault, adapters: [peer] });
    const served = await engine.drain();
    batches += served;
  }),
);
const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  `${JSON.stringify({ batches, follows: peer.writes.length, seconds, start: startedAt, end: Date.now() })}\n`,
);
await database.close();
