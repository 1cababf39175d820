// The linking configuration of `passerelle serve`, from the environment: the token vault
// (PASSERELLE_VAULT_KEYS), PUBLIC_ORIGIN for redirect URIs, Mastodon's instance policy and the
// deployment's Bluesky OAuth client (src/platforms/bluesky/oauth-env.ts).
import type { Database } from '../db/index.ts';
import { blueskyOAuthClientFromEnv, publicOriginFromEnv } from '../platforms/bluesky/oauth-env.ts';
import { instancePolicyFromEnv } from '../platforms/mastodon/instance.ts';
import { vaultFromEnv } from '../vault/vault.ts';
import type { PlatformLinks } from './links.ts';

export async function platformLinksFromEnv(
  database: Database,
  env: NodeJS.ProcessEnv = process.env,
): Promise<PlatformLinks | undefined> {
  if (!env.PASSERELLE_VAULT_KEYS) return undefined;
  const vault = vaultFromEnv(env);
  const origin = publicOriginFromEnv(env);
  return {
    vault,
    bluesky: await blueskyOAuthClientFromEnv(database, vault, env),
    mastodon: {
      redirectUri: `${origin}/oauth/mastodon/callback`,
      clientName: 'Passerelle',
      website: origin,
      policy: instancePolicyFromEnv(env),
    },
  };
}
