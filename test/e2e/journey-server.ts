// `passerelle serve` for browser journeys: its own process on PGlite, a real Bluesky PDS, the
// Mastodon test double and the local X OAuth server, wired as an operator would configure them.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { ensureUiBuilt } from '../../src/ui/build.ts';
import { type BlueskyNetwork, startBlueskyNetwork } from '../platforms/bluesky-network.ts';
import { MastodonTestDouble } from '../support/mastodon-double/server.ts';
import {
  freePort,
  type ServeProcess,
  startServeProcess,
  vaultKeysForTest,
} from '../support/serve-process.ts';
import { startXOAuthDouble, type XOAuthDouble, type XUser } from '../support/x-oauth-double/server.ts';
import { launchChromium } from './browser.ts';

export async function startJourneyServer(
  dataDir: string,
  net: BlueskyNetwork,
  xUser: XUser,
  clientId: string,
): Promise<{ app: ServeProcess; x: XOAuthDouble }> {
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const client = { clientId, clientSecret: 'x-secret', redirectUri: `${origin}/oauth/x/callback` };
  const x = await startXOAuthDouble(client, xUser);
  const app = await startServeProcess(port, {
    DATA_DIR: path.join(dataDir, 'data'),
    // The instance is the local test double, on http and a loopback address.
    NODE_ENV: 'development',
    PASSERELLE_MASTODON_ALLOW_PRIVATE: '1',
    PUBLIC_ORIGIN: origin,
    PASSERELLE_VAULT_KEYS: vaultKeysForTest(),
    PASSERELLE_BLUESKY_HANDLE_RESOLVER: net.url,
    PASSERELLE_PLC_URL: net.network.plc.url,
    X_CLIENT_ID: client.clientId,
    X_CLIENT_SECRET: client.clientSecret,
    X_REDIRECT_URI: client.redirectUri,
    X_AUTHORIZE_URL: `${x.url}/i/oauth2/authorize`,
    X_TOKEN_URL: `${x.url}/2/oauth2/token`,
    X_API_BASE: x.url,
  });
  return { app, x };
}

/** Where journeys put their screenshots. */
export const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots');

/** Everything a journey runs against, and how to stop it all. */
export interface Journey {
  tmp: string;
  net: BlueskyNetwork;
  mastodon: MastodonTestDouble;
  app: ServeProcess;
  x: XOAuthDouble;
  browser: Browser;
  close(): Promise<void>;
}

/** The built web app, a PDS, the Mastodon double, serve with X signing in as `xUser`, Chromium. */
export async function startJourney(name: string, xUser: XUser): Promise<Journey> {
  ensureUiBuilt();
  const tmp = await mkdtemp(path.join(os.tmpdir(), `passerelle-${name}-`));
  await mkdir(SCREENSHOTS, { recursive: true });
  const net = await startBlueskyNetwork();
  const mastodon = new MastodonTestDouble();
  await mastodon.start();
  const { app, x } = await startJourneyServer(tmp, net, xUser, `passerelle-${name}`);
  const browser = await launchChromium();
  return {
    tmp,
    net,
    mastodon,
    app,
    x,
    browser,
    async close() {
      await browser.close();
      const code = await app.stop();
      if (code !== null && code !== 0) console.error(app.log());
      await x.close();
      await mastodon.stop();
      await net.close();
      await rm(tmp, { recursive: true, force: true });
    },
  };
}
