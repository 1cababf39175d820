// `passerelle serve` for browser journeys: its own process on PGlite, a real Bluesky PDS, the
// Mastodon test double and the local X OAuth server, wired as an operator would configure them.
import path from 'node:path';
import type { BlueskyNetwork } from '../platforms/bluesky-network.ts';
import {
  freePort,
  type ServeProcess,
  startServeProcess,
  vaultKeysForTest,
} from '../support/serve-process.ts';
import { startXOAuthDouble, type XOAuthDouble, type XUser } from '../support/x-oauth-double/server.ts';

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
