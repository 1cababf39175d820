// What the directory and the engine need to know about each network without a signed-in
// session, found by the network's name. Adding a network adds its entry here.
import { normalizeTarget as mastodonTarget } from './mastodon/address.ts';

export interface NetworkRules {
  /** The one stored form of a follow target (tasks and directory entries compare it as is). */
  normalizeTarget(target: string): string;
}

const NETWORKS: Record<string, NetworkRules> = {
  // DIDs are case-sensitive identifiers: kept as given.
  bluesky: { normalizeTarget: (target) => target.trim() },
  mastodon: { normalizeTarget: mastodonTarget },
};

export function networkRules(platform: string): NetworkRules {
  const rules = NETWORKS[platform];
  if (!rules) throw new Error(`Unknown network "${platform}"`);
  return rules;
}
