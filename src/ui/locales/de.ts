// Deutsche Texte: dieselben Schlüssel wie en.ts (der Typ erzwingt es), Plural mit one und other.
import type { Translation } from './en.ts';

export const de: Translation = {
  skip: 'Zum Inhalt springen',
  nav: {
    label: 'Hauptnavigation',
    home: 'Start',
    signup: 'Anmelden',
    archive: 'Archiv',
    matches: 'Kontakte',
    progress: 'Fortschritt',
    pledge: 'Zusage',
    communities: 'Gemeinschaften',
    stats: 'Statistik',
    guide: 'Anleitung',
    settings: 'Einstellungen',
  },
  language: { label: 'Sprache' },
  common: {
    loading: 'Wird geladen …',
    retry: 'Noch einmal versuchen',
    error: 'Etwas ist schiefgegangen: {{message}}',
  },
  landing: {
    title: 'X verlassen, ohne dein Netzwerk zu verlieren',
    p1: 'Passerelle liest das Archiv, das du bei X herunterladen kannst, und findet die Leute, denen du gefolgt bist und die schon auf Bluesky oder Mastodon sind.',
    p2: 'Es folgt ihnen für dich, hilft den Leuten, die dir gefolgt sind, dich wiederzufinden, und macht weiter, während mehr deiner Kontakte ankommen.',
    p3: 'Jeder Abschied macht den nächsten leichter: Je mehr von uns umziehen, desto weniger verliert jede und jeder.',
    start: 'Los geht’s: mein X-Archiv hochladen',
    guide: 'So bekommst du dein X-Archiv',
    countersTitle: 'Bisher',
    users: 'Personen angemeldet',
    bluesky: 'Verbindungen auf Bluesky wiederhergestellt',
    mastodon: 'Verbindungen auf Mastodon wiederhergestellt',
    pledges: 'Zusagen, X zu verlassen',
    countersUnavailable: 'Die Zähler sind gerade nicht verfügbar.',
  },
  activation: {
    title: 'Der Start',
    yourFollows_one: 'Am {{date}} um {{time}} startet dein geplantes Folgen.',
    yourFollows_other: 'Am {{date}} um {{time}} starten deine {{n}} geplanten Folgen.',
    everyone: 'Am {{date}} um {{time}} legt Passerelle los: Ab dann startet das automatische Folgen.',
    countdown: 'Noch {{left}}.',
    now: 'Passerelle startet gerade: Das Folgen beginnt.',
  },
  archive: {
    title: 'Dein X-Archiv',
    intro:
      'Wähle die ZIP-Datei, die X dir geschickt hat, oder die Dateien des entpackten Archivs. Sie wird in deinem Browser geöffnet: Gesendet werden nur der Inhaber und die Listen der Konto-IDs, nie deine Posts, Medien oder Nachrichten.',
    chooseZip: 'X-Archiv (ZIP oder .js-Dateien)',
    chooseFolder: 'Oder der entpackte Ordner',
    reading: '{{file}} wird gelesen …',
    progressLabel: 'Archiv wird gelesen',
    uploading: 'Listen werden gesendet …',
    storing: 'Listen werden gespeichert: {{done}} von {{total}} Konten …',
    found:
      'Im Archiv von @{{username}} gefunden: {{following}} Konten, denen du folgst, und {{followers}} Follower.',
    stored:
      'Gespeichert. Passerelle kennt jetzt die {{following}} Konten, denen du gefolgt bist, und deine {{followers}} Follower.',
    current:
      'Gespeichertes Archiv: @{{username}}, {{following}} gefolgt, {{followers}} Follower (importiert am {{date}}).',
    next: 'Weiter: Verbinde dein Bluesky- oder Mastodon-Konto',
    warnings: 'Hinweise zu diesem Archiv:',
    failed: 'Dieses Archiv lässt sich nicht verwenden.',
  },
  archiveError: {
    NOT_A_ZIP:
      '„{{file}}“ ist weder eine ZIP-Datei noch eine Datei aus einem X-Archiv. Wähle die ZIP-Datei, die du bei X heruntergeladen hast (Einstellungen › Dein Account › Ein Archiv deiner Daten herunterladen), oder die Dateien aus ihrem Ordner „data“.',
    EMPTY_FILE:
      '„{{file}}“ ist leer. Der Download wurde wohl unterbrochen: Lade das Archiv noch einmal bei X herunter.',
    CORRUPT_ZIP:
      '„{{file}}“ ist beschädigt oder unvollständig ({{detail}}). Lade das Archiv noch einmal bei X herunter und lass den Download zu Ende laufen.',
    MISSING_FILE:
      'Im Archiv fehlt {{missing}}. Wähle die ganze ZIP-Datei oder die Dateien account.js, following.js und follower.js.',
    WRONG_PREFIX:
      '„{{file}}“ ist nicht die Datei, die ein X-Archiv unter diesem Namen enthält. Nimm das Archiv so, wie X es geliefert hat.',
    MALFORMED_ENTRY:
      '„{{file}}“ ist in Zeile {{line}} beschädigt. Die Datei wurde wohl bearbeitet: Lade das Archiv noch einmal herunter.',
    INVALID_ID:
      '„{{file}}“ enthält „{{value}}“ (Zeile {{line}}), und das ist keine X-Konto-ID. Lade das Archiv noch einmal herunter.',
    ZIP_BOMB:
      '„{{file}}“ wurde abgelehnt: So sieht ein echtes X-Archiv nie aus. Lade es noch einmal bei X herunter.',
    GRAILBIRD:
      'Das ist ein altes X-Archiv (vor 2018): Es enthält keine Liste der Konten, denen du folgst. Fordere bei X ein neues Archiv an und nimm dieses.',
    UNKNOWN: 'Das Archiv ließ sich nicht lesen: {{message}}',
  },
  archiveWarning: {
    MANIFEST_COUNT_MISMATCH:
      'Das Archiv nennt eine andere Zahl von Konten, als es enthält; verwendet werden die gefundenen.',
    MANIFEST_UNREADABLE:
      'Das Inhaltsverzeichnis des Archivs ist unlesbar; die Listen wurden trotzdem gelesen.',
    DUPLICATE_IDS: 'Manche Konten kommen doppelt vor; jedes wird einmal gezählt.',
    UNLISTED_PART_FILE: 'Ein Teil einer Liste stand nicht im Inhaltsverzeichnis; er wurde trotzdem gelesen.',
  },
  apiError: {
    COMMUNITY_NOT_FOUND: 'Diese Gemeinschaft gibt es nicht. Prüf die Adresse.',
    COMMUNITY_SLUG_TAKEN: 'Diese Adresse ist schon vergeben: Wähle eine andere.',
    COMMUNITY_INVALID:
      'Die Adresse besteht aus 3 bis 48 Kleinbuchstaben, Ziffern oder Bindestrichen, der Name aus 1 bis 80 Zeichen.',
    COMMUNITY_NOT_ORGANISER: 'Das kann nur jemand, der diese Gemeinschaft organisiert.',
    COMMUNITY_NOT_MEMBER: 'Tritt zuerst der Gemeinschaft bei.',
    COMMUNITY_INVITE_INVALID:
      'Dieser Einladungslink funktioniert nicht mehr. Bitte jemanden aus dem Orga-Team um einen neuen.',
    COMMUNITY_MEMBERS_CSV:
      'Die Mitgliederdatei ist nicht lesbar: Ihre erste Zeile muss eine Spalte x_id benennen.',
    X_PROOF_REQUIRED: 'Melde dich zuerst mit X an: Nur wer ein X-Konto besitzt, kann damit beitreten.',
    X_NOT_CONFIGURED: 'Die Anmeldung mit X ist auf diesem Server nicht verfügbar.',
    UNAUTHENTICATED: 'Deine Sitzung ist abgelaufen. Lade die Seite neu, um von vorn zu beginnen.',
    CSRF_REJECTED:
      'Die Anfrage wurde zu deiner Sicherheit abgelehnt. Lade die Seite neu und versuch es noch einmal.',
    RATE_LIMITED: 'Zu viele Versuche. Versuch es in {{retryAfterSeconds}} Sekunden noch einmal.',
    BODY_TOO_LARGE: 'Die Anfrage ist zu groß (höchstens {{maxBytes}} Bytes).',
    UPLOAD_TOO_LARGE: 'Die Listen dieses Archivs sind zu groß zum Senden (höchstens {{maxBytes}} Bytes).',
    ARCHIVE_OWNER_MISMATCH:
      'Dieses Archiv gehört zu einem anderen X-Konto ({{archiveAccountId}}) als dem, das mit deinem Passerelle-Konto verbunden ist ({{userAccountId}}). Lade das Archiv deines eigenen Kontos hoch.',
    ARCHIVE_CLAIMED_ELSEWHERE:
      'Ein anderes Passerelle-Konto hat das Archiv des X-Kontos {{archiveAccountId}} schon. Wenn es deins ist, melde dich mit X an: Sobald X es bestätigt, gehört das Konto dir.',
    INVALID_REQUEST: 'Der Server hat die Daten abgelehnt: {{message}}',
    NETWORK: 'Der Server ist nicht erreichbar. Prüf deine Verbindung und versuch es noch einmal.',
    DATABASE_UNAVAILABLE:
      'Die Datenbank ist kurz nicht erreichbar. Versuch es in {{retryAfterSeconds}} Sekunden noch einmal.',
    DATABASE_DISK_FULL:
      'Der Speicher des Servers ist voll: Im Moment lässt sich nichts mehr speichern. Versuch es später noch einmal.',
    INTERNAL: 'Bei uns ist etwas schiefgegangen; nichts wurde geändert. Versuch es noch einmal.',
    LINK_EXISTS: 'Dein Konto {{handle}} ist in diesem Netzwerk schon verbunden.',
    ACCOUNT_HELD:
      'Dieses Konto ist schon mit einer anderen Person auf Passerelle verbunden (X-Konto {{holder}}). Es kann nur zu einer Person gehören: Trenn es zuerst dort.',
    ACCOUNT_HELD_UNKNOWN:
      'Dieses Konto ist schon mit einer anderen Person auf Passerelle verbunden. Es kann nur zu einer Person gehören: Trenn es zuerst dort.',
    REAUTH_OTHER_ACCOUNT:
      'Du hast dich mit einem anderen Konto angemeldet als dem verbundenen. Um ein anderes Konto zu verbinden, starte das Verbinden neu und bestätige den Wechsel.',
    LINK_OTHER_SESSION:
      'Diese Anmeldung wurde in einem anderen Browser oder einer anderen Sitzung gestartet: Starte das Verbinden hier neu.',
    LINK_FAILED: 'Das Verbinden hat nicht geklappt. Prüf die Adresse und versuch es noch einmal.',
    LINK_NOT_CONFIGURED:
      'Das Verbinden mit diesem Netzwerk ist auf diesem Passerelle-Server nicht eingerichtet.',
    LINK_START_FAILED: 'Das Verbinden konnte nicht starten. Prüf die Adresse und versuch es noch einmal.',
    INVALID_INSTANCE: 'Dieser Mastodon-Server lässt sich nicht verwenden. Prüf seine Adresse.',
    NOT_LINKED: 'In diesem Netzwerk ist kein Konto verbunden.',
    UNKNOWN: 'Fehler: {{message}}',
  },
  link: {
    replaceConfirm:
      'Dein Konto {{handle}} ist schon verbunden. Durch das Konto ersetzen, mit dem du dich gleich anmeldest? Passerelle gibt dann seinen Zugriff auf {{handle}} zurück.',
    reauthorise: 'Erneut bei {{network}} anmelden',
    status: { active: 'aktiv', needs_reauth: 'du musst dich erneut anmelden' },
  },
  matches: {
    title: 'Deine Leute',
    summaryFollowing_one:
      '{{onBluesky}} der {{following}} Konten, denen du auf X gefolgt bist, ist auf Bluesky, {{onMastodon}} auf Mastodon;',
    summaryFollowing_other:
      '{{onBluesky}} der {{following}} Konten, denen du auf X gefolgt bist, sind auf Bluesky, {{onMastodon}} auf Mastodon;',
    summaryFollowers_one: '{{followersHere}} deiner Follower ist hier.',
    summaryFollowers_other: '{{followersHere}} deiner Follower sind hier.',
    search: 'Nach Name oder Handle suchen',
    filter: 'Anzeigen',
    network: 'Netzwerk',
    allNetworks: 'Alle Netzwerke',
    filters: {
      all: 'Alle',
      followed_you: 'Sind dir auf X gefolgt',
      mutuals: 'Gegenseitig',
      bridged: 'Über die Brücke',
      dismissed: 'Ausgeblendet',
    },
    reasons: {
      you_followed_on_x: 'Du bist der Person auf X gefolgt',
      followed_you_on_x: 'Die Person ist dir auf X gefolgt',
      mutual: 'Ihr seid euch gegenseitig gefolgt',
    },
    status: {
      suggested: 'Vorgeschlagen',
      queued: 'In der Warteschlange',
      done: 'Gefolgt',
      already_following: 'Schon gefolgt',
      requested: 'Angefragt, wartet auf Bestätigung',
      declined: 'Anfrage abgelehnt',
      held: 'Wartet auf den Start am {{date}} um {{time}}',
      waiting: 'Wartet auf das Limit der Plattform',
      needs_reauth: 'Du musst dich erneut anmelden',
      failed: 'Fehlgeschlagen',
      dismissed: 'Ausgeblendet',
    },
    bridged: 'über die Brücke',
    dismiss: 'Ausblenden',
    restore: 'Wieder anzeigen',
    reconnectAll: 'Allen wieder folgen',
    queued_one: '{{count}} Folgen in der Warteschlange.',
    queued_other: '{{count}} Folgen in der Warteschlange.',
    auto: 'Automatischer Modus: Folge für mich den Leuten, denen ich auf X gefolgt bin, sobald sie ankommen (meinen X-Followern zurückzufolgen ist eine eigene Entscheidung, in den Einstellungen)',
    csv: 'Mastodon-Importdatei herunterladen (CSV)',
    blueskyList: 'Eine Bluesky-Liste daraus machen',
    listMade_one: 'Liste auf deinem Bluesky-Konto mit {{count}} Person erstellt.',
    listMade_other: 'Liste auf deinem Bluesky-Konto mit {{count}} Personen erstellt.',
    empty: 'Noch niemand gefunden.',
    unavailable:
      'Deine Kontakte erscheinen hier, sobald dein Archiv hochgeladen und ein Bluesky- oder Mastodon-Konto verbunden ist.',
  },
  protected: {
    title: 'Von dir ferngehalten',
    countOff_one: '{{n}} Person, die du auf X blockiert oder stummgeschaltet hast, ist auf {{network}}.',
    countOff_other: '{{n}} Personen, die du auf X blockiert oder stummgeschaltet hast, sind auf {{network}}.',
    count_block_one:
      '{{n}} Person, die du auf X blockiert oder stummgeschaltet hast, ist auf {{network}}: dort ebenfalls blockiert oder stummgeschaltet.',
    count_block_other:
      '{{n}} Personen, die du auf X blockiert oder stummgeschaltet hast, sind auf {{network}}: dort ebenfalls blockiert oder stummgeschaltet.',
    count_mute_one:
      '{{n}} Person, die du auf X blockiert oder stummgeschaltet hast, ist auf {{network}}: dort ebenfalls stummgeschaltet.',
    count_mute_other:
      '{{n}} Personen, die du auf X blockiert oder stummgeschaltet hast, sind auf {{network}}: dort ebenfalls stummgeschaltet.',
    carried_one: '({{n}} bisher erledigt.)',
    carried_other: '({{n}} bisher erledigt.)',
    never:
      'Was auch passiert: Passerelle schlägt dich nie Leuten vor, die du auf X blockiert hast, lässt sie dir nie folgen und lässt dich nie jemandem folgen, den du blockiert oder stummgeschaltet hast.',
    question: 'In deinen neuen Netzwerken genauso?',
    asBlocks: 'Dort ebenfalls blockieren',
    asMutes: 'Dort stummschalten (privat)',
    notNow: 'Jetzt nicht',
    public:
      'Auf Bluesky sind Blockierungen öffentlich: Jede und jeder kann sehen, wen ein Konto blockiert. Stummschaltungen sind privat. Deine Stummschaltungen auf X werden immer als Stummschaltungen übernommen.',
    show: 'Zeigen, wer es ist',
    onX: { blocked: 'auf X blockiert', muted: 'auf X stummgeschaltet' },
  },
  progress: {
    title: 'Fortschritt',
    intro: 'Gefolgt wird in dem Tempo, das jedes Netzwerk erlaubt. Diese Seite aktualisiert sich von selbst.',
    done: 'Erledigt',
    queued: 'In der Warteschlange',
    requested: 'Angefragt, wartet auf Bestätigung',
    declined: 'Abgelehnte Anfragen',
    held: 'Wartet auf den Start am {{date}} um {{time}}',
    waiting: 'Wartet auf das Limit der Plattform',
    waitingUntil: 'Wartet auf das Limit der Plattform, das um {{time}} endet',
    reauth: 'Melde dich erneut bei {{network}} an, damit Passerelle weitermachen kann.',
    finish: 'Voraussichtlich fertig: {{time}}',
    none: 'Noch läuft nichts.',
    unavailable: 'Der Fortschritt erscheint hier, sobald das Folgen läuft.',
  },
  community: {
    circlesTitle: 'Deine Kreise',
    circlesIntro:
      'Die Gruppen, in die dein X-Netzwerk zerfällt, unter den Leuten, die schon auf Passerelle sind, und wie viele aus jeder schon umgezogen sind. Wird alle paar Stunden neu berechnet.',
    noCircles: 'Noch keine Kreise: Sie erscheinen, sobald einige deiner X-Kontakte auch hier sind.',
    unnamed: 'Ein Kreis',
    circleShare: '– {{moved}} von {{size}} deiner Kontakte hier sind umgezogen ({{percent}} %).',
    createTitle: 'Eine Gemeinschaft gründen',
    name: 'Name',
    slug: 'Adresse (Kleinbuchstaben, Ziffern, Bindestriche)',
    create: 'Gründen',
    countsCaption: 'Wo die Gemeinschaft steht',
    members: 'Mitglieder',
    joined: 'Haben zugesagt',
    onBluesky: 'Auf Bluesky',
    onMastodon: 'Auf Mastodon',
    pledged: 'Haben zugesagt, X zu verlassen',
    chartLabel: 'Mitglieder, die zugesagt haben, und davon auf Bluesky und auf Mastodon, Tag für Tag',
    joinTitle: 'Beitreten',
    joinText:
      'Melde dich mit X an und tritt dann über den Einladungslink bei, den du aus dem Orga-Team bekommen hast.',
    invitedText: 'Du wurdest eingeladen. Nichts über dich wird gezeigt, bevor du zusagst.',
    joinListed: 'Beitreten und mich auflisten',
    joinUnlisted: 'Beitreten, ohne aufgelistet zu werden',
    signInFirst: 'Noch nicht mit X angemeldet? Melde dich zuerst an.',
    joinedNotice: 'Du bist dabei.',
    choicesTitle: 'Deine Entscheidungen',
    listed:
      'Mich auflisten: Mitglieder sehen mich, und ich stehe auf der Bluesky-Liste und im Starterpaket der Gemeinschaft',
    followAll: 'Allen Mitgliedern in meinen Netzwerken folgen, im Rahmen der Limits',
    mastodonList:
      'Mir eine Mastodon-Liste der Mitglieder anlegen (dafür muss ich ihnen auf Mastodon erst folgen: Das übernimmt Passerelle)',
    savedNotice: 'Gespeichert. {{count}} Folgen geplant.',
    leave: 'Die Gemeinschaft verlassen',
    membersTitle: 'Mitglieder, die aufgelistet werden möchten ({{count}})',
    xAccount: 'X-Konto {{id}}',
    onBlueskyAs: 'Bluesky: {{handle}}',
    onMastodonAs: 'Mastodon: {{handle}}',
    organiserTitle: 'Orga-Team',
    newInvite: 'Neuen Einladungslink erstellen (der alte funktioniert dann nicht mehr)',
    publishBluesky: 'Von meinem Bluesky-Konto eine Liste und ein Starterpaket der Mitglieder veröffentlichen',
  },
  stats: {
    title: 'Öffentliche Statistik',
    intro: 'Wie viele Leute gekommen sind und wie viele Verbindungen wiederhergestellt wurden, Tag für Tag.',
    chartLabel: 'Anmeldungen, Archive und wiederhergestellte Verbindungen pro Tag, aufsummiert',
    users: 'Angemeldete Personen',
    archives: 'Hochgeladene Archive',
    bluesky: 'Verbindungen auf Bluesky',
    mastodon: 'Verbindungen auf Mastodon',
    table: 'Heute',
  },
  settings: {
    title: 'Einstellungen',
    noSession: 'Du hast auf diesem Gerät noch keine Sitzung.',
    linked: 'Verbundene Konten',
    unlink: '{{handle}} trennen',
    noLinked: 'Noch kein Bluesky- oder Mastodon-Konto verbunden.',
    xAccount: 'X-Konto: {{id}} ({{state}})',
    proven: 'Inhaberschaft bestätigt',
    claimed: 'aus deinem Archiv, noch nicht bestätigt',
    downloadTitle: 'Deine Daten',
    download: 'Alle meine Daten herunterladen (JSON)',
    deleteTitle: 'Alles löschen',
    deleteExplain:
      'Löscht deine Archivlisten, verbundenen Konten, geplanten Folgen, deine Zusage und deine Sitzungen aus Passerelle und entzieht Passerelle den Zugriff auf deine Konten, wo das Netzwerk es erlaubt. Schon erfolgtes Folgen bleibt in den Netzwerken bestehen.',
    delete: 'Alles löschen',
    confirm: 'Ja, jetzt alles löschen',
    cancel: 'Abbrechen',
    deleted: 'Alles wurde gelöscht. Danke, dass du Passerelle ausprobiert hast.',
    signOut: 'Auf diesem Gerät abmelden',
    signOutEverywhere: 'Auf allen meinen Geräten abmelden',
    consentsTitle: 'Was ich erlaube',
    consent: {
      discoverable: 'Leute, die mir auf X gefolgt sind, dürfen mich hier finden und mir folgen',
      autoFollow: 'Den Leuten, denen ich auf X gefolgt bin, automatisch folgen, sobald sie ankommen',
      followBack: 'Auch den Leuten zurückfolgen, die mir auf X gefolgt sind',
      publicStats: 'Mich in der öffentlichen Statistik mitzählen',
    },
    consentHistory: 'Verlauf meiner Entscheidungen',
    byOperator: 'vom Betreiber dieser Passerelle-Instanz festgelegt',
    on: 'an',
    off: 'aus',
  },
  pledge: {
    title: 'Meine Zusage',
    intro: 'Sag, wann du X verlässt. Deine Zusage wird öffentlich gezählt (ohne deinen Namen).',
    percentChoice: 'Wenn dieser Anteil der Leute, denen ich folge, umgezogen ist',
    dateChoice: 'An einem Datum',
    percent: 'Anteil der Leute, denen ich folge (%)',
    date: 'Datum',
    email: 'Schick mir eine E-Mail, wenn es so weit ist (optional)',
    save: 'Meine Zusage speichern',
    withdraw: 'Meine Zusage zurückziehen',
    saved: 'Zusage gespeichert.',
    progress: '{{moved}} der {{following}} Konten, denen du auf X gefolgt bist, sind hier ({{percent}} %).',
    reached: 'Erreicht am {{date}}.',
    needArchive: 'Lade zuerst dein X-Archiv hoch, damit sich dein Fortschritt messen lässt.',
  },
  signup: {
    failed: 'Dieser Schritt hat nicht geklappt; versuch es noch einmal.',
    errors: {
      RATE_LIMITED: 'Zu viele Versuche von hier. Versuch es in {{retryAfterSeconds}} Sekunden noch einmal.',
      LINK_FAILED:
        'Das Verbinden hat nicht geklappt. Prüf das Handle oder den Server und versuch es noch einmal.',
      LINK_NOT_CONFIGURED: 'Das Verbinden mit diesem Netzwerk ist auf diesem Server nicht verfügbar.',
      LINK_OTHER_SESSION:
        'Das Verbinden wurde in einer anderen Sitzung gestartet. Starte es auf dieser Seite neu.',
      X_NOT_CONFIGURED: 'Die Anmeldung mit X ist auf diesem Server nicht verfügbar.',
      X_SIGN_IN: 'Die Anmeldung mit X hat nicht geklappt. Starte sie neu.',
      X_IDENTITY_MISMATCH:
        'Dieses X-Konto ist nicht das, zu dem dein Archiv gehört. Melde dich mit deinem eigenen X-Konto an.',
      X_ACCOUNT_ALREADY_PROVEN: 'Dieses X-Konto ist schon von einem anderen Passerelle-Konto bestätigt.',
    },
    title: 'Anmelden',
    intro:
      'Verbinde die Konten, die du möchtest, in beliebiger Reihenfolge. Bei jedem Schritt siehst du, wo er steht.',
    bluesky: 'Bluesky',
    blueskyHandle: 'Dein Bluesky-Handle',
    mastodon: 'Mastodon',
    mastodonInstance: 'Dein Mastodon-Server (z. B. mastodon.social)',
    x: 'X (belegt, dass das Archiv dir gehört)',
    connect: 'Verbinden',
    linked: 'Verbunden als {{handle}}',
    needsReauth: '{{handle}}: Melde dich erneut an, um weiterzumachen',
    notLinked: 'Nicht verbunden',
    proven: 'Bestätigt',
    notProven: 'Noch nicht bestätigt',
    archive: 'X-Archiv',
    archiveDone: 'Hochgeladen',
    archiveTodo: 'Noch nicht hochgeladen',
  },
};
