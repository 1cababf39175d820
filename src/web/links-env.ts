// The linking configuration of `passerelle serve`, from the environment: the token vault
// (PASSERELLE_VAULT_KEYS), PUBLIC_ORIGIN for redirect URIs, Mastodon's instance policy and the
// Bluesky client — confidential (https origin + PASSERELLE_BLUESKY_OAUTH_KEYS) or, in
// development on http, the loopback client.
import type { Database } from '../db/index.ts';
import {
  confidentialClientMetadata,
  createBlueskyOAuthClient,
  keysetFromEnv,
  loopbackClientMetadata,
} from '../platforms/bluesky/oauth.ts';
import { instancePolicyFromEnv } from '../platforms/mastodon/instance.ts';
import { vaultFromEnv } from '../vault/vault.ts';
import type { PlatformLinks } from './links.ts';

export async function platformLinksFromEnv(
  database: Database,
  env: NodeJS.ProcessEnv = process.env,
): Promise<PlatformLinks | undefined> {
  if (!env.PASSERELLE_VAULT_KEYS) return undefined;
  const vault = vaultFromEnv(env);
  const origin = new URL(env.PUBLIC_ORIGIN?.split(',')[0]?.trim() || 'http://127.0.0.1:8080').origin;
  const production = origin.startsWith('https:') && Boolean(env.PASSERELLE_BLUESKY_OAUTH_KEYS);
  const bluesky = createBlueskyOAuthClient(database, vault, {
    clientMetadata: production
      ? confidentialClientMetadata(origin)
      : loopbackClientMetadata(`${origin.replace('localhost', '127.0.0.1')}/oauth/bluesky/callback`),
    keyset: production ? await keysetFromEnv(env) : undefined,
    handleResolver: env.PASSERELLE_BLUESKY_HANDLE_RESOLVER || undefined,
    plcDirectoryUrl: env.PASSERELLE_PLC_URL || undefined,
    allowHttp: !production,
  });
  return {
    vault,
    bluesky,
    mastodon: {
      redirectUri: `${origin}/oauth/mastodon/callback`,
      clientName: 'Passerelle',
      website: origin,
      policy: instancePolicyFromEnv(env),
    },
  };
}
