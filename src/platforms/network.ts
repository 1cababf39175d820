// What the server knows of a network beyond following: its name as people read it, the one form
// of a follow target, and linking (start, completion, revocation). Each network's folder holds
// its entry; src/platforms/registry.ts finds it by name.
import type { AcceptPending, PendingLink, PendingSignIn } from '../accounts/pending.ts';
import type { LinkRow, WithLink } from '../accounts/store.ts';
import type { Database } from '../db/index.ts';
import type { ProfileResolver } from '../profiles/lookup.ts';
import type { LookupResult } from '../profiles/store.ts';
import type { Vault } from '../vault/vault.ts';

/** What a linking step works with: the database, the token vault and the network's own client. */
export interface LinkContext<Client> {
  database: Database;
  vault: Vault;
  client: Client;
}

/** A finished link: whose, which account, and the link it took the place of (to revoke). */
export interface LinkCompletion {
  userId: number;
  handle: string;
  accountId: string;
  replaced: LinkRow | null;
}

/** A stored link whose token may be revoked at its network. */
export type RevocableRow = Pick<LinkRow, 'user_id' | 'platform' | 'account_id' | 'instance' | 'credentials'>;

export interface NetworkLinking<Client> {
  /** The start's field that says where to sign in: a Bluesky handle, a Mastodon server. */
  readonly startField: 'handle' | 'instance';
  /** The error for a start that left `startField` empty. */
  missingStartField(): Error;
  /** The network's authorize URL; `address` is the start field's value (a link or a sign-in). */
  start(
    ctx: LinkContext<Client>,
    input: { address: string; pending: PendingLink | PendingSignIn },
  ): Promise<URL>;
  /** The OAuth callback, for the pending link `accept` agrees to. */
  complete(
    ctx: LinkContext<Client>,
    params: URLSearchParams,
    accept: AcceptPending,
    withLink: WithLink,
  ): Promise<LinkCompletion>;
  /** Revokes the row's token at the network; true when the network confirmed. May throw. */
  revoke(ctx: LinkContext<Client>, row: RevocableRow): Promise<boolean>;
  /**
   * A new sign-in of the same account already replaced its session: revoking the replaced link
   * would end the new one.
   */
  readonly replacesOwnSession?: boolean;
  /**
   * Sessions live in the network client's own store, reached outside a database transaction:
   * they are revoked before an account deletion's transaction, not inside it.
   */
  readonly revokesOutsideTransactions?: boolean;
}

/** The account a network sign-in names. */
export interface SignInAccount {
  accountId: string;
  handle: string;
  instance: string | null;
}

/** A sign-in the network completed: the account, what its link keeps, and how to give the token back. */
export interface SignInCompletion {
  account: SignInAccount;
  credentials: unknown;
  /** Gives the fresh token back to the network when it is not kept (held: the link's session). */
  forget(held: boolean): Promise<void>;
}

/** Signing in with a linked account: the linking flow's start, its own completion. */
export interface NetworkSignIn<Client> {
  /** The pending start a callback's state holds (a link or a sign-in), without completing it; null when unknown. */
  pendingOf(
    ctx: Omit<LinkContext<Client>, 'client'> & { client: Client | undefined },
    params: URLSearchParams,
  ): Promise<unknown>;
  /** The OAuth callback of a sign-in; `accept` throws unless the stored start may be completed here. */
  complete(
    ctx: LinkContext<Client>,
    params: URLSearchParams,
    accept: (stored: unknown) => void,
  ): Promise<SignInCompletion>;
}

/** Public profile look-ups (display name, avatar), off the request path. */
export interface NetworkProfiles {
  /** How many accounts one look-up asks for. */
  readonly batchSize: number;
  /** The profiles of these follow targets; one missing from the map does not exist. */
  lookup(resolver: ProfileResolver, targets: string[]): Promise<Map<string, LookupResult>>;
}

/** A linked account's public profile: its address, and (Mastodon) its server's origin. */
export interface PublicProfile {
  url: string;
  instance: string | null;
}

/** What a network's community lists are like (src/communities/network-lists.ts keeps them). */
export interface NetworkCommunityLists {
  /** A starter pack is made with the list, pointing at it. */
  readonly starterPack: boolean;
  /** The list's description for a community of this name. */
  description(communityName: string): string;
  /** The account holding the list is left off it (the network refuses it there). */
  readonly holderOffList: boolean;
}

export interface Network<Client> {
  readonly name: string;
  /** The network's name as people read it. */
  readonly displayName: string;
  /** The one stored form of a follow target (tasks and directory entries compare it as is). */
  normalizeTarget(target: string): string;
  /**
   * SQL giving a linked account's follow target from `la` (linked_accounts), when it is not the
   * account id itself.
   */
  readonly linkedTargetSql?: string;
  /** How far activation day releases follows at once: a share of the platform's budget. */
  readonly releasePace: { perWindow: number; windowSeconds: number };
  readonly linking: NetworkLinking<Client>;
  /** Signing in with a linked account of this network; absent: not offered. */
  readonly signIn?: NetworkSignIn<Client>;
  /** Public profile look-ups; absent: no profile is looked up. */
  readonly profiles?: NetworkProfiles;
  /** Community lists kept on this network; absent: none. */
  readonly communityLists?: NetworkCommunityLists;
  /** The public profile of a linked account, or null when it has no usable address. */
  publicProfile?(account: { handle: string; instance: string | null }): PublicProfile | null;
}
