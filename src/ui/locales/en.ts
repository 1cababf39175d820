// English strings. Keys mirror fr.ts; the archive reader's and the API's error codes are translated here.
export const en = {
  skip: 'Skip to content',
  nav: {
    label: 'Main',
    home: 'Home',
    signup: 'Sign up',
    archive: 'Archive',
    pledge: 'Pledge',
    stats: 'Statistics',
    guide: 'Guide',
    settings: 'Settings',
  },
  language: { label: 'Language', fr: 'Français', en: 'English' },
  common: { loading: 'Loading…', retry: 'Try again', error: 'Something went wrong: {{message}}' },
  landing: {
    title: 'Leave X without losing your network',
    p1: 'Passerelle reads the archive X lets you download and finds the people you followed who are already on Bluesky or Mastodon.',
    p2: 'It follows them for you, lets the people who followed you find you back, and keeps going as more of your contacts arrive.',
    p3: 'Each departure makes the next one easier: the more of us move, the less anyone loses.',
    start: 'Start: upload my X archive',
    guide: 'How to get your X archive',
    countersTitle: 'So far',
    users: 'people registered',
    bluesky: 'connections rebuilt on Bluesky',
    mastodon: 'connections rebuilt on Mastodon',
    pledges: 'pledges to leave',
    countersUnavailable: 'Counters are unavailable right now.',
  },
  archive: {
    title: 'Your X archive',
    intro:
      'Choose the zip X sent you, or the files of the extracted archive. It is opened in your browser: only the owner and the lists of account IDs are sent, never your posts, media or messages.',
    chooseZip: 'X archive (zip or .js files)',
    chooseFolder: 'Or the extracted folder',
    reading: 'Reading {{file}}…',
    progressLabel: 'Reading the archive',
    uploading: 'Sending the lists…',
    found:
      'Found in the archive of @{{username}}: {{following}} accounts you follow and {{followers}} followers.',
    stored:
      'Saved. Passerelle now knows the {{following}} accounts you followed and your {{followers}} followers.',
    current:
      'Archive on file: @{{username}}, {{following}} followed, {{followers}} followers (imported {{date}}).',
    next: 'Next: link your Bluesky or Mastodon account',
    warnings: 'Notes about this archive:',
    failed: 'This archive could not be used.',
  },
  archiveError: {
    NOT_A_ZIP:
      '“{{file}}” is neither a zip nor a file of an X archive. Choose the zip you downloaded from X (Settings › Your account › Download an archive of your data), or the files of its data folder.',
    EMPTY_FILE:
      '“{{file}}” is empty. The download was probably interrupted: download the archive from X again.',
    CORRUPT_ZIP:
      '“{{file}}” is damaged or incomplete ({{detail}}). Download the archive from X again and let the download finish.',
    MISSING_FILE:
      'The archive has no {{missing}}. Choose the whole zip, or the account.js, following.js and follower.js files.',
    WRONG_PREFIX:
      '“{{file}}” is not the file an X archive has under that name. Give the archive as X delivered it.',
    MALFORMED_ENTRY:
      '“{{file}}” is damaged at line {{line}}. The file was probably edited: download the archive again.',
    INVALID_ID:
      '“{{file}}” holds “{{value}}” (line {{line}}), which is not an X account ID. Download the archive again.',
    ZIP_BOMB: '“{{file}}” was refused: a genuine X archive never looks like this. Download it from X again.',
    GRAILBIRD:
      'This is an old X archive (before 2018): it has no list of who you follow. Request a new archive from X and use that one.',
    UNKNOWN: 'The archive could not be read: {{message}}',
  },
  archiveWarning: {
    MANIFEST_COUNT_MISMATCH:
      'The archive announces a different number of accounts than it contains; the ones found are used.',
    MANIFEST_UNREADABLE: 'The archive’s table of contents is unreadable; the lists were read anyway.',
    DUPLICATE_IDS: 'Some accounts appear twice; each is counted once.',
    UNLISTED_PART_FILE: 'A part of a list was not in the table of contents; it was read anyway.',
  },
  apiError: {
    UNAUTHENTICATED: 'Your session has ended. Reload the page to start again.',
    CSRF_REJECTED: 'The request was refused for your safety. Reload the page and try again.',
    RATE_LIMITED: 'Too many attempts. Try again in {{retryAfterSeconds}} seconds.',
    UPLOAD_TOO_LARGE: 'This archive’s lists are too large to send ({{maxBytes}} bytes at most).',
    ARCHIVE_OWNER_MISMATCH:
      'This archive belongs to another X account ({{archiveAccountId}}) than the one tied to your Passerelle account ({{userAccountId}}). Upload the archive of your own account.',
    INVALID_REQUEST: 'The server refused the data: {{message}}',
    NETWORK: 'The server cannot be reached. Check your connection and try again.',
    INTERNAL: 'Something went wrong on our side; nothing was changed. Try again.',
    UNKNOWN: 'Error: {{message}}',
  },
  stats: {
    title: 'Public statistics',
    intro: 'How many people have come, and how many connections have been rebuilt, day by day.',
    chartLabel: 'Cumulative registrations, archives and connections rebuilt per day',
    users: 'People registered',
    archives: 'Archives uploaded',
    bluesky: 'Connections on Bluesky',
    mastodon: 'Connections on Mastodon',
    table: 'Today',
  },
  settings: {
    title: 'Settings',
    noSession: 'You have no session on this device yet.',
    linked: 'Linked accounts',
    noLinked: 'No Bluesky or Mastodon account linked yet.',
    xAccount: 'X account: {{id}} ({{state}})',
    proven: 'ownership proven',
    claimed: 'from your archive, not yet proven',
    downloadTitle: 'Your data',
    download: 'Download all my data (JSON)',
    deleteTitle: 'Delete everything',
    deleteExplain:
      'Deletes your archive lists, linked accounts, planned follows, pledge and sessions from Passerelle, and revokes its access to your accounts where the network allows it. Follows already made stay on the networks.',
    delete: 'Delete everything',
    confirm: 'Yes, delete everything now',
    cancel: 'Cancel',
    deleted: 'Everything was deleted. Thank you for trying Passerelle.',
    signOut: 'Sign out on this device',
  },
  pledge: {
    title: 'My pledge',
    intro: 'Say when you will leave X. Your pledge is counted publicly (without your name).',
    percentChoice: 'When this share of the people I follow has moved',
    dateChoice: 'On a date',
    percent: 'Share of the people I follow (%)',
    date: 'Date',
    email: 'Email me when it is reached (optional)',
    save: 'Save my pledge',
    withdraw: 'Withdraw my pledge',
    saved: 'Pledge saved.',
    progress: '{{moved}} of the {{following}} accounts you followed on X are here ({{percent}}%).',
    needArchive: 'Upload your X archive first so your progress can be measured.',
  },
  signup: {
    title: 'Sign up',
    intro: 'Link the accounts you want, in any order. Each step shows where it stands.',
    bluesky: 'Bluesky',
    blueskyHandle: 'Your Bluesky handle',
    mastodon: 'Mastodon',
    mastodonInstance: 'Your Mastodon server (e.g. mastodon.social)',
    x: 'X (proves the archive is yours)',
    connect: 'Connect',
    linked: 'Linked as {{handle}}',
    notLinked: 'Not linked',
    proven: 'Proven',
    notProven: 'Not proven yet',
    archive: 'X archive',
    archiveDone: 'Uploaded',
    archiveTodo: 'Not uploaded yet',
  },
};

export type Messages = typeof en;
