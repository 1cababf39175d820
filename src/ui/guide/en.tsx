// Migration guide, English.
export function GuideEn() {
  return (
    <article>
      <h1>Leaving X: the guide</h1>
      <h2>1. Download your X archive</h2>
      <ol>
        <li>On X, open Settings and privacy › Your account › Download an archive of your data.</li>
        <li>Confirm your password (and the code X sends you), then choose “Request archive”.</li>
        <li>
          X prepares it in the background: usually within 24 hours, sometimes a few days for large accounts.
          You get a notification and an email with a download link, valid for a few days.
        </li>
        <li>Download the zip. You do not need to unzip it: give the zip itself to Passerelle.</li>
      </ol>
      <p>
        Passerelle opens the archive in your browser and sends only your account ID and the lists of account
        IDs you follow and that follow you. Your posts, photos and direct messages never leave your device.
      </p>
      <h3>While you wait for it</h3>
      <p>
        You do not need the archive to begin. On the sign-up page, link your Bluesky or Mastodon account and
        sign in with X to prove the X account is yours: from then on, the people who followed you on X and use
        Passerelle can find you, if you say they may. Passerelle reminds you to upload the archive on your
        next visits; when it arrives, upload it to find everyone you followed.
      </p>
      <p>
        On another device later, sign in with the Bluesky or Mastodon account you linked: you find your
        Passerelle account as you left it.
      </p>
      <h2>2. Choose a Mastodon server</h2>
      <ul>
        <li>Mastodon is many servers that talk to each other: you can follow anyone from any server.</li>
        <li>
          Pick one whose rules and language suit you, run by people you trust, with open sign-ups. A large
          general server (such as mastodon.social) is a fine start.
        </li>
        <li>You can move later: Mastodon moves your followers to your new account.</li>
      </ul>
      <p>Bluesky works with one sign-up at bsky.app; you can also use your own domain as your handle.</p>
      <h2>3. What happens to your X account</h2>
      <ul>
        <li>Passerelle never posts on X and never deletes anything there.</li>
        <li>
          Keep your X account open for a while with a message pointing to your new addresses, so people can
          follow you; deactivate it only when you are ready (X deletes it 30 days after deactivation).
        </li>
        <li>
          A deleted username can be taken by someone else: some people keep the account, locked and empty.
        </li>
      </ul>
      <h2>4. Keep your archive</h2>
      <p>
        Your archive is the only copy of your years on X. Keep the zip somewhere safe (two copies are better
        than one) before deactivating your account.
      </p>
    </article>
  );
}
