// What the web tests against a real PDS (@atproto/dev-env) share: the PDS, up before the file's
// tests and closed after them, and the app with its Bluesky OAuth client on the test's database.
import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../../src/db/index.ts';
import { createBlueskyOAuthClient, loopbackClientMetadata } from '../../src/platforms/bluesky/oauth.ts';
import { ephemeralVault } from '../../src/vault/vault.ts';
import { createApp } from '../../src/web/app.ts';
import { type BlueskyNetwork, startBlueskyNetwork } from '../platforms/bluesky-network.ts';

const vault = ephemeralVault();

/** The file's PDS, started before its tests: read `.net` inside a test. */
export function blueskyPdsForFile(): { net: BlueskyNetwork } {
  const holder = {} as { net: BlueskyNetwork };
  beforeAll(async () => {
    holder.net = await startBlueskyNetwork();
  }, 60_000);
  afterAll(() => holder.net?.close());
  return holder;
}

/** The app linking and signing in with Bluesky through `net`, and its OAuth client. */
export function blueskyWebApp(database: Database, net: BlueskyNetwork) {
  const bluesky = createBlueskyOAuthClient(database, vault, {
    clientMetadata: loopbackClientMetadata('http://127.0.0.1:9/oauth/bluesky/callback'),
    handleResolver: net.url,
    plcDirectoryUrl: net.network.plc.url,
    allowHttp: true,
  });
  const app = createApp({ database, config: { cookieSecure: false }, links: { vault, bluesky } });
  return { app, bluesky };
}
