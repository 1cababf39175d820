// Why a link was refused, each with a stable code the web and the CLI turn into their answers.

/** A refused link: its code, the network and the account address concerned. */
export class LinkRefusedError extends Error {
  readonly code: string;
  readonly platform: string;
  readonly handle: string;
  constructor(code: string, platform: string, handle: string, message: string) {
    super(message);
    this.name = 'LinkRefusedError';
    this.code = code;
    this.platform = platform;
    this.handle = handle;
  }
}

/** The user already has a link on this network and did not say to replace it. */
export class LinkExistsError extends LinkRefusedError {
  constructor(platform: string, handle: string) {
    super(
      'LINK_EXISTS',
      platform,
      handle,
      `Your ${platform} account ${handle} is already linked: confirm that you want to replace it.`,
    );
    this.name = 'LinkExistsError';
  }
}

/** The network account is linked to another Passerelle user (one account, one user). */
export class AccountHeldError extends LinkRefusedError {
  /** The X account of the user holding it: `@username`, or its id, or null when unknown. */
  readonly holder: string | null;
  constructor(platform: string, handle: string, holder: string | null) {
    super(
      'ACCOUNT_HELD',
      platform,
      handle,
      `The ${platform} account ${handle} is already linked to another Passerelle user` +
        `${holder ? ` (X account ${holder})` : ''}. Unlink it there first.`,
    );
    this.name = 'AccountHeldError';
    this.holder = holder;
  }
}

/** Re-authorising signed in as another account than the link being renewed. */
export class ReauthMismatchError extends LinkRefusedError {
  constructor(platform: string, handle: string) {
    super(
      'REAUTH_OTHER_ACCOUNT',
      platform,
      handle,
      `To re-authorise, sign in as ${handle} on ${platform}; to link another account, replace the link instead.`,
    );
    this.name = 'ReauthMismatchError';
  }
}
