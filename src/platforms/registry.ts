// Every network the server knows, found by its name: what the directory, linking, revocation
// and the command line need to know about a network without a signed-in session (following is
// the adapters' part: src/platforms/types.ts). Adding a network adds its folder and an entry here.
import type { Vault } from '../vault/vault.ts';
import { BLUESKY } from './bluesky/network.ts';
import { MASTODON } from './mastodon/network.ts';
import type { LinkContext, Network } from './network.ts';

const NETWORKS = { bluesky: BLUESKY, mastodon: MASTODON };

export type NetworkName = keyof typeof NETWORKS;
type ClientOf<N> = N extends Network<infer Client> ? Client : never;

/** Every network's name, in a stable order (a tuple, as schemas want it). */
export const NETWORK_NAMES = Object.keys(NETWORKS) as [NetworkName, ...NetworkName[]];

/** What linking and revoking need: the vault, and each network's client; one left out cannot be linked here. */
export type LinkClients = { vault: Vault } & { [K in NetworkName]?: ClientOf<(typeof NETWORKS)[K]> };

export function isNetwork(name: unknown): name is NetworkName {
  return typeof name === 'string' && Object.hasOwn(NETWORKS, name);
}

/** The network of this name, or undefined. */
export function findNetwork(name: string): Network<unknown> | undefined {
  return isNetwork(name) ? (NETWORKS[name] as Network<unknown>) : undefined;
}

export function network(name: string): Network<unknown> {
  const found = findNetwork(name);
  if (!found) throw new Error(`Unknown network "${name}"`);
  return found;
}

/** The name rules of a network (target normalisation): kept for the directory's callers. */
export const networkRules = network;

/** The linking context of a network, or undefined when it is not configured on this server. */
export function linkContext(
  database: LinkContext<unknown>['database'],
  clients: LinkClients | undefined,
  name: string,
): LinkContext<unknown> | undefined {
  const client = clients && isNetwork(name) ? clients[name] : undefined;
  return clients && client ? { database, vault: clients.vault, client } : undefined;
}

/** SQL giving the follow target of a linked account `la`: its network's form, else its account id. */
export const LINKED_TARGET_SQL = `CASE la.platform ${NETWORK_NAMES.flatMap((name) => {
  const sql = NETWORKS[name].linkedTargetSql;
  return sql ? [`WHEN '${name}' THEN ${sql}`] : [];
}).join(' ')} ELSE la.account_id END`;

/** "bluesky or mastodon": the names, as a command-line message lists them. */
export function networkNamesText(): string {
  return NETWORK_NAMES.length < 2
    ? NETWORK_NAMES.join('')
    : `${NETWORK_NAMES.slice(0, -1).join(', ')} or ${NETWORK_NAMES.at(-1)}`;
}
