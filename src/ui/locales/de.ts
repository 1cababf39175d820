// Deutsche Texte: dieselben Schlüssel wie en.ts (der Typ erzwingt es), Plural mit one und other.
import type { Translation } from './en.ts';

export const de: Translation = {
  skip: 'Zum Inhalt springen',
  nav: {
    label: 'Hauptnavigation',
    home: 'Start',
    signup: 'Anmelden',
    signin: 'Einloggen',
    archive: 'Archiv',
    matches: 'Kontakte',
    progress: 'Fortschritt',
    pledge: 'Zusage',
    communities: 'Gemeinschaften',
    stats: 'Statistik',
    guide: 'Anleitung',
    settings: 'Einstellungen',
  },
  language: {
    label: 'Sprache',
  },
  common: {
    loading: 'Wird geladen …',
    retry: 'Noch einmal versuchen',
  },
  landing: {
    title: 'X verlassen, ohne dein Netzwerk zu verlieren',
    p1: 'Passerelle liest das Archiv, das du bei X herunterladen kannst, und findet die Leute, denen du gefolgt bist und die schon auf Bluesky oder Mastodon sind.',
    p2: 'Es folgt ihnen für dich, hilft den Leuten, die dir gefolgt sind, dich wiederzufinden, und macht weiter, während mehr deiner Kontakte ankommen.',
    p3: 'Jeder Abschied macht den nächsten leichter: Je mehr von uns umziehen, desto weniger verliert jede und jeder.',
    start: 'Los geht’s: mein X-Archiv hochladen',
    guide: 'So bekommst du dein X-Archiv',
    countersTitle: 'Bisher',
    users_one: 'Person angemeldet',
    users_other: 'Personen angemeldet',
    bluesky_one: 'Verbindung auf Bluesky wiederhergestellt',
    bluesky_other: 'Verbindungen auf Bluesky wiederhergestellt',
    mastodon_one: 'Verbindung auf Mastodon wiederhergestellt',
    mastodon_other: 'Verbindungen auf Mastodon wiederhergestellt',
    pledges_one: 'Zusage, X zu verlassen',
    pledges_other: 'Zusagen, X zu verlassen',
    yours: 'Deine Leute',
    countersUnavailable: 'Die Zähler sind gerade nicht verfügbar.',
  },
  activation: {
    title: 'Der Start',
    yourFollows_one: 'Am {{date}} um {{time}} startet dein geplantes Folgen.',
    yourFollows_other: 'Am {{date}} um {{time}} starten deine {{n}} geplanten Folgen.',
    everyone: 'Am {{date}} um {{time}} legt Passerelle los: Ab dann beginnt das geplante Folgen.',
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
    storing_one: 'Die Listen werden gespeichert: {{done}} von {{count, number}} Konto …',
    storing_other: 'Die Listen werden gespeichert: {{done}} von {{count, number}} Konten …',
    sendingParts_one: 'Die Listen werden in Teilen gesendet: {{done}} von {{count, number}} Konto …',
    sendingParts_other: 'Die Listen werden in Teilen gesendet: {{done}} von {{count, number}} Konten …',
    cancel: 'Hochladen abbrechen',
    cancelled:
      'Hochladen abgebrochen: Davon wurde nichts behalten. Ein bereits gespeichertes Archiv bleibt unverändert.',
    found: 'Im Archiv von @{{username}} gefunden: {{following}} und {{followers}}.',
    foundFollowing_one: '{{count, number}} Konto, dem du folgst',
    foundFollowing_other: '{{count, number}} Konten, denen du folgst',
    foundFollowers_one: '{{count, number}} Follower',
    foundFollowers_other: '{{count, number}} Follower',
    stored: 'Gespeichert. Passerelle kennt jetzt {{following}} und {{followers}}.',
    storedFollowing_one: 'das Konto, dem du gefolgt bist',
    storedFollowing_other: 'die {{count, number}} Konten, denen du gefolgt bist',
    storedFollowers_one: 'deinen Follower',
    storedFollowers_other: 'deine {{count, number}} Follower',
    current: 'Gespeichertes Archiv: @{{username}}, {{following}}, {{followers}} (importiert am {{date}}).',
    currentFollowing_one: '{{count, number}} gefolgt',
    currentFollowing_other: '{{count, number}} gefolgt',
    next: 'Weiter: Verbinde dein Bluesky- oder Mastodon-Konto',
    warnings: 'Hinweise zu diesem Archiv:',
    warningOther: 'In diesem Archiv wurde etwas Ungewöhnliches gefunden; die Listen wurden trotzdem gelesen.',
    failed: 'Dieses Archiv lässt sich nicht verwenden.',
  },
  archiveError: {
    NOT_A_ZIP:
      '„{{file}}“ ist weder eine ZIP-Datei noch eine Datei aus einem X-Archiv. Wähle die ZIP-Datei, die du bei X heruntergeladen hast (Einstellungen › Dein Account › Ein Archiv deiner Daten herunterladen), oder die Dateien aus ihrem Ordner „data“.',
    EMPTY_FILE:
      '„{{file}}“ ist leer. Der Download wurde wohl unterbrochen: Lade das Archiv noch einmal bei X herunter.',
    CORRUPT_ZIP:
      '„{{file}}“ ist beschädigt oder unvollständig. Lade das Archiv noch einmal bei X herunter und lass den Download zu Ende laufen.',
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
    UNKNOWN:
      'Das Archiv konnte nicht gelesen werden. Lade es noch einmal bei X herunter und wähle die ZIP-Datei so, wie sie ankam.',
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
    SIGNIN_HANDLE_MISSING: 'Gib deinen Bluesky-Namen an (zum Beispiel alice.bsky.social).',
    SIGNIN_INSTANCE_MISSING: 'Gib deinen Mastodon-Server an (zum Beispiel mastodon.social).',
    SIGNIN_NOT_CONFIGURED: 'Das Einloggen mit diesem Netzwerk ist auf diesem Server nicht verfügbar.',
    SESSION_NOT_FOUND: 'Diese Sitzung ist bereits beendet.',
    X_NOT_CONFIGURED: 'Die Anmeldung mit X ist auf diesem Server nicht verfügbar.',
    UNAUTHENTICATED: 'Deine Sitzung ist abgelaufen. Lade die Seite neu, um von vorn zu beginnen.',
    CSRF_REJECTED:
      'Die Anfrage wurde zu deiner Sicherheit abgelehnt. Lade die Seite neu und versuch es noch einmal.',
    RATE_LIMITED: 'Zu viele Versuche. Versuch es in {{retryAfterSeconds}} Sekunden noch einmal.',
    BODY_TOO_LARGE: 'Die Anfrage ist zu groß (höchstens {{maxBytes}} Bytes).',
    UPLOAD_TOO_LARGE: 'Die Listen dieses Archivs sind zu groß zum Senden (höchstens {{maxBytes}} Bytes).',
    PART_TOO_LARGE: 'Ein Teil der Listen ist zu groß zum Senden (höchstens {{maxBytes}} Bytes).',
    ARCHIVE_TOO_LARGE:
      'Dieses Archiv enthält mehr Konten, als Passerelle annimmt (höchstens {{limit}} pro Liste).',
    UPLOAD_NOT_FOUND:
      'Der Server kennt diesen Upload nicht (wurde er auf einem anderen Gerät begonnen?). Wähle das Archiv erneut.',
    UPLOAD_EXPIRED: 'Der Upload war zu lange unterbrochen und ist abgelaufen. Wähle das Archiv erneut.',
    UPLOAD_SUPERSEDED:
      'Seitdem wurde ein anderer Upload deines Archivs begonnen (in einem anderen Tab?): Dieser wurde gestoppt.',
    UPLOAD_CANCELLED: 'Dieser Upload wurde abgebrochen. Wähle das Archiv erneut, um es zu senden.',
    UPLOAD_FINISHED: 'Dieser Upload ist bereits gespeichert.',
    UPLOAD_INCOMPLETE: 'Einige Teile der Listen sind nicht angekommen. Wähle das Archiv erneut.',
    PART_OUT_OF_RANGE: 'Ein Teil der Listen wurde abgelehnt. Wähle das Archiv erneut.',
    PART_SIZE_MISMATCH: 'Ein Teil der Listen wurde abgelehnt. Wähle das Archiv erneut.',
    PART_CONFLICT: 'Ein Teil der Listen wurde abgelehnt. Wähle das Archiv erneut.',
    ARCHIVE_OWNER_MISMATCH:
      'Dieses Archiv gehört zu einem anderen X-Konto ({{archiveAccountId}}) als dem, das mit deinem Passerelle-Konto verbunden ist ({{userAccountId}}). Lade das Archiv deines eigenen Kontos hoch.',
    ARCHIVE_CLAIMED_ELSEWHERE:
      'Ein anderes Passerelle-Konto hat das Archiv des X-Kontos {{archiveAccountId}} schon. Wenn es deins ist, melde dich mit X an: Sobald X es bestätigt, gehört das Konto dir.',
    INVALID_REQUEST:
      'Der Server hat die gesendeten Daten abgelehnt. Prüfe deine Eingaben und versuche es noch einmal.',
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
    NOT_LINKED: 'Auf diesem Netzwerk ist kein Konto verknüpft. Verknüpfe es zuerst auf der Anmeldeseite.',
    NOT_FOUND: 'Diese Seite oder Aktion gibt es nicht. Lade die Seite neu.',
    NOT_A_MATCH: 'Diese Person ist nicht mehr unter deinen Kontakten. Lade die Liste neu.',
    MATCH_LOCKED: 'Dieses Folgen läuft bereits oder ist erledigt: Mach es direkt im Netzwerk rückgängig.',
    LINKS_NOT_CONFIGURED:
      'Das Verknüpfen von Netzwerken ist auf diesem Passerelle-Server nicht eingerichtet.',
    NEEDS_REAUTH:
      'Logge dich noch einmal bei Bluesky ein (auf der Anmeldeseite) und versuche es dann erneut.',
    NO_MATCHES: 'Noch niemand für die Liste: Deine Kontakte erscheinen, sobald dein Archiv hochgeladen ist.',
    NOT_SUPPORTED: 'Dieses Netzwerk kann keine Listen anlegen.',
    CONSENT_INPUT:
      'Diese Auswahl konnte nicht gespeichert werden. Lade die Seite neu und versuche es noch einmal.',
    INVALID_CURSOR: 'Diese Seite der Liste ist veraltet. Geh zurück zur ersten Seite.',
    PUBLIC_PAGE_UNAVAILABLE:
      'Für eine öffentliche Seite muss dein X-Konto zuerst bestätigt sein: Logge dich auf der Anmeldeseite mit X ein, damit niemand sonst deinen Namen verwenden kann.',
    PUBLIC_PAGE_NOT_FOUND: 'Unter diesem Namen gibt es keine öffentliche Seite.',
    X_ACCOUNT_CLAIMED:
      'Dieses X-Konto gehört zu einem anderen Passerelle-Konto mit verknüpftem Netzwerk. Logge dich in dem Browser ein, in dem sein Archiv hochgeladen wurde.',
    INVALID_EMAIL: 'Das ist keine E-Mail-Adresse. Prüfe sie und versuche es noch einmal.',
    EMAIL_UNAVAILABLE: 'Dieser Passerelle-Server verschickt keine E-Mails.',
    EMAIL_SEND_FAILED:
      'Die Bestätigungs-E-Mail konnte nicht verschickt werden. Prüfe die Adresse oder versuche es später noch einmal.',
    EMAIL_TOKEN_INVALID:
      'Dieser Link funktioniert nicht (mehr). Gib deine Adresse in den Einstellungen noch einmal an, um einen neuen zu bekommen.',
    EMAIL_TOKEN_EXPIRED:
      'Dieser Link ist abgelaufen. Gib deine Adresse in den Einstellungen noch einmal an, um einen neuen zu bekommen.',
    NO_EMAIL: 'Gib zuerst eine E-Mail-Adresse an und bestätige sie.',
    UNKNOWN: 'Etwas ist schiefgegangen. Versuche es noch einmal; wenn es so bleibt, lade die Seite neu.',
  },
  instanceError: {
    EMPTY: 'Gib die Adresse deines Mastodon-Servers an, zum Beispiel mastodon.social.',
    INVALID_ADDRESS: 'Das ist keine Serveradresse. Schreib sie so wie mastodon.social.',
    NOT_HTTPS:
      'Dieser Server muss über https erreichbar sein. Schreib nur seinen Namen, etwa mastodon.social.',
    HAS_PATH: 'Gib nur den Namen des Servers an, ohne etwas dahinter, etwa mastodon.social.',
    NOT_FOUND: 'Unter diesem Namen antwortet kein Server. Prüfe die Schreibweise.',
    PRIVATE_ADDRESS: 'Diese Adresse ist kein öffentlicher Server und kann daher nicht verwendet werden.',
    REFUSED:
      'Dieser Server hat Passerelle nicht hereingelassen. Versuche es später noch einmal oder prüfe, ob es ein Mastodon-Server ist.',
    UNREACHABLE:
      'Dieser Server war nicht sicher erreichbar. Prüfe den Namen oder versuche es später noch einmal, falls der Server ausgefallen ist.',
  },
  link: {
    replaceConfirm:
      'Dein Konto {{handle}} ist schon verbunden. Durch das Konto ersetzen, mit dem du dich gleich anmeldest? Passerelle gibt dann seinen Zugriff auf {{handle}} zurück.',
    reauthorise: 'Erneut bei {{network}} anmelden',
    status: {
      active: 'aktiv',
      needs_reauth: 'du musst dich erneut anmelden',
      other: 'nicht verfügbar',
    },
  },
  matches: {
    title: 'Deine Leute',
    summaryFollowers_one: '{{count, number}} deiner X-Follower ist hier.',
    summaryFollowers_other: '{{count, number}} deiner X-Follower sind hier.',
    wasOnX: 'Auf X: {{name}}',
    pages: 'Seiten der Liste',
    previous: 'Vorherige Seite',
    next: 'Nächste Seite',
    range: '{{from}}–{{to}} von {{total}}',
    linkFirst:
      'Verknüpfe zuerst dein Bluesky- oder Mastodon-Konto: Passerelle folgt Leuten von diesem Konto aus.',
    linkFirstAction: 'Ein Konto verknüpfen',
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
    queuedNone:
      'Nichts Neues zum Folgen: Allen Gefundenen wird schon gefolgt, sie warten in der Schlange oder wurden ausgeblendet.',
    empty:
      'Noch ist niemand hier, den du von X kennst. Passerelle sucht weiter, während Leute ankommen: Lade sie ein.',
    emptyAction: 'Hol deine Leute dazu',
    emptyFiltered: 'Niemand passt zu dieser Suche oder diesem Filter. Setz sie zurück, um alle zu sehen.',
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
    onX: {
      blocked: 'auf X blockiert',
      muted: 'auf X stummgeschaltet',
    },
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
    none: 'Noch läuft nichts: Wähle auf der Seite „Kontakte“ „Alle wieder verbinden“ oder schalte den automatischen Modus ein.',
    unavailable:
      'Der Fortschritt erscheint hier, sobald gefolgt wird: Lade dein X-Archiv hoch und verknüpfe ein Bluesky- oder Mastodon-Konto.',
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
    membersCsv: {
      title: 'Mitglieder aus einer Datei einladen',
      intro:
        'Eine CSV-Datei, deren erste Zeile die Spalten benennt, darunter eine namens x_id (die Kennungen der X-Konten, nur Ziffern). Die Personen darin werden eingeladen: gezählt, aber nie gezeigt, bis sie selbst Ja sagen.',
      file: 'CSV-Datei (höchstens {{max}} Zeichen)',
      skipInvalid: 'Abgelehnte Zeilen überspringen und die gültigen trotzdem einladen',
      send: 'Prüfen und einladen',
      tooLarge:
        'Diese Datei ist zu groß, um sie über diese Seite zu senden (höchstens {{max}} Zeichen). Teile sie in kleinere Dateien auf.',
      written: 'Erledigt: Die Personen der gültigen Zeilen sind eingeladen.',
      notWritten:
        'Nichts wurde hinzugefügt: Korrigiere die abgelehnten Zeilen oder wähle, sie zu überspringen, und sende die Datei erneut.',
      empty: 'Die Datei nennt niemanden: Nichts wurde hinzugefügt.',
      caption: 'Was die Datei enthielt',
      rows: 'Gelesene Zeilen',
      accepted: 'Gültige Zeilen',
      refused: 'Abgelehnte Zeilen',
      invited: 'Neu eingeladen',
      alreadyMembers: 'Schon in der Gemeinschaft',
      refusedTitle: 'Abgelehnte Zeilen',
      line: 'Zeile {{line}}:',
      more: 'Hier nicht aufgeführte abgelehnte Zeilen: {{more}}',
      reason: {
        FIELD_COUNT: 'Felder in dieser Zeile: {{fields}}; in der ersten Zeile benannte Spalten: {{columns}}.',
        X_ID_INVALID: 'ihre x_id ist keine X-Kontokennung (1 bis 20 Ziffern).',
        X_ID_REPEATED: 'dieselbe x_id steht schon in Zeile {{firstLine}}.',
      },
    },
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
    day: 'Tag',
    empty: 'Noch ist niemand gekommen. Sei die oder der Erste: Lade dein X-Archiv hoch.',
    chartNote:
      'Die Tabelle zählt alle, anonym. Das Diagramm zählt Tag für Tag nur die Personen, die der öffentlichen Statistik zugestimmt haben.',
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
    publicStatsMeaning:
      'Die Gesamtzahlen (registrierte Personen, hochgeladene Archive, wiederhergestellte Verbindungen) zählen immer alle, anonym. Das Tagesdiagramm könnte an einem ruhigen Tag auf jemanden hindeuten, deshalb zählt es nur, wer hier ein Häkchen setzt.',
    publicPageTitle: 'Meine öffentliche Seite',
    publicPage:
      'Meine öffentliche Seite zeigen, auf der die Leute, die mir auf X gefolgt sind, meine neuen Konten finden (aus, solange du sie nicht einschaltest)',
    publicPageNeedsProof:
      'Verfügbar, sobald dein X-Konto bestätigt ist: Logge dich auf der Anmeldeseite mit X ein, damit niemand sonst deinen Namen verwenden kann.',
    publicPageAt: 'Deine Seite:',
    consentHistory: 'Verlauf meiner Entscheidungen',
    byOperator: 'vom Betreiber dieser Passerelle-Instanz festgelegt',
    on: 'an',
    off: 'aus',
    unanswered: 'noch nicht beantwortet: zählt als Nein',
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
    reached: 'Erreicht am {{date}}.',
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
    shareNext: 'Weiter: Hol deine Leute mit',
    noArchiveYet:
      'Noch kein Archiv? X braucht einen Tag oder länger, um es vorzubereiten. Verknüpfe schon jetzt deine Netzwerke und bestätige dein X-Konto: Die Leute, die dir gefolgt sind, finden dich sofort. Lade das Archiv hoch, wenn es ankommt, um alle zu finden, denen du gefolgt bist.',
    howToRequest: 'So forderst du dein Archiv an',
  },
  signin: {
    title: 'Einloggen',
    intro:
      'Schon bei Passerelle? Logge dich auf diesem Gerät mit dem Bluesky- oder Mastodon-Konto ein, das du verknüpft hast. Deine Sitzung auf deinen anderen Geräten bleibt offen.',
    bluesky: 'Mit Bluesky',
    mastodon: 'Mit Mastodon',
    submit: 'Einloggen',
    done: 'Du bist mit {{network}} eingeloggt. Willkommen zurück.',
    start: 'Hier anfangen',
    newHere: 'Neu bei Passerelle?',
    toSettings: 'Zu den Einstellungen, um dich dort abzumelden',
    errors: {
      SIGNIN_NOT_LINKED:
        'Dieses {{network}}-Konto ist noch mit keinem Passerelle-Konto verknüpft, es gibt also nichts, worin du dich einloggen könntest. Neu hier? Verknüpfe es zuerst auf der Anmeldeseite.',
      SIGNIN_OTHER_ACCOUNT:
        'Dieser Browser ist in einem anderen Passerelle-Konto mit eigenen Daten eingeloggt. Nichts wurde geändert: Melde dich dort zuerst ab (in den Einstellungen) und logge dich dann erneut ein.',
      SIGNIN_NOT_STARTED_HERE:
        'Dieses Einloggen wurde in einem anderen Browser oder einer anderen Sitzung begonnen oder hat zu lange gedauert. Nichts wurde geändert: Fang auf dieser Seite neu an.',
      SIGNIN_NOT_CONFIGURED: 'Das Einloggen mit {{network}} ist auf diesem Server nicht verfügbar.',
      SIGNIN_FAILED:
        'Das Einloggen mit {{network}} hat nicht geklappt. Prüfe den Namen oder den Server und versuche es noch einmal.',
    },
  },
  consentQuestion: {
    title: 'Dürfen dich die Leute, die dir auf X gefolgt sind, hier finden?',
    meaning:
      'Wenn du Ja sagst, sehen die Leute, die dir auf X gefolgt sind und Passerelle nutzen, dein Bluesky- oder Mastodon-Konto unter ihren Kontakten und können dir dort folgen. Nur dein bestätigtes X-Konto wird dafür verwendet; du kannst es dir jederzeit in den Einstellungen anders überlegen.',
    until: 'Bis du antwortest, wird niemandem etwas von dir gezeigt.',
    yes: 'Ja, sie dürfen mich finden',
    no: 'Nein, ich bleibe verborgen',
    yesState: 'Ja: Sie können dich finden',
    noState: 'Nein: Du bleibst verborgen',
    unanswered: 'Noch nicht beantwortet',
    change: 'In den Einstellungen ändern',
  },
  reminder: {
    archive:
      'Dein X-Archiv ist noch nicht da. Sobald X es geschickt hat, lade es hoch, um alle zu finden, denen du gefolgt bist.',
    upload: 'Hochladen',
    how: 'So forderst du es an',
  },
  email: {
    title: 'E-Mail',
    explain:
      'Gib eine Adresse an, um höchstens einmal pro Woche Neuigkeiten über die Leute zu bekommen, denen du auf X gefolgt bist und die angekommen sind, und eine Erinnerung, dein Archiv hochzuladen, solange es noch fehlt. Sie wird erst nach deiner Bestätigung verwendet, für nichts anderes, und nur du siehst sie.',
    label: 'E-Mail-Adresse',
    changeLabel: 'Neue E-Mail-Adresse',
    save: 'Bestätigungslink schicken',
    current: 'E-Mails gehen an {{email}}.',
    none: 'Noch keine E-Mail-Adresse.',
    pending:
      'Wartet auf Bestätigung: {{email}}. Öffne den Link, den wir dorthin geschickt haben (gültig bis {{until}}).',
    digest: 'Wöchentliche Neuigkeiten und Erinnerungen schicken',
    remove: 'Meine Adresse entfernen',
    sent: 'Link verschickt. Öffne ihn in deinem Postfach, um die Adresse zu bestätigen.',
    removed: 'Adresse entfernt: Passerelle schreibt dir keine E-Mails.',
    unavailable: 'Dieser Passerelle-Server verschickt keine E-Mails.',
    confirmTitle: 'Bestätige deine E-Mail-Adresse',
    confirmExplain: 'Drücke den Knopf, damit Passerelle seine E-Mails an diese Adresse schickt.',
    confirmButton: 'Diese Adresse bestätigen',
    confirmed: 'Adresse bestätigt. In den Einstellungen kannst du sie ändern oder die E-Mails abbestellen.',
    unsubscribeTitle: 'Keine E-Mails mehr von Passerelle',
    unsubscribeExplain:
      'Drücke den Knopf, und Passerelle schreibt dieser Adresse nicht mehr. In den Einstellungen kannst du die E-Mails wieder einschalten.',
    unsubscribeButton: 'E-Mails abbestellen',
    unsubscribed: 'Erledigt: Passerelle schreibt dir nicht mehr, außer du schaltest die E-Mails wieder ein.',
    noToken: 'Dieser Link ist unvollständig. Öffne ihn noch einmal vollständig aus der E-Mail.',
    mailSubject: 'Passerelle: Bestätige deine E-Mail-Adresse',
    mailBody:
      'Jemand, wahrscheinlich du, hat Passerelle gebeten, seine E-Mails an diese Adresse zu schicken. Zum Bestätigen öffne diesen Link innerhalb von 24 Stunden und drücke den Knopf:\n\n{{url}}\n\nWarst du das nicht, ignoriere diese E-Mail: An diese Adresse wird nichts geschickt.',
  },
  sessions: {
    title: 'Wo ich eingeloggt bin',
    unknownDevice: 'Unbekanntes Gerät',
    thisDevice: 'dieses Gerät',
    times: 'eingeloggt {{created}}, zuletzt genutzt {{seen}}',
    signOutThere: 'Dort abmelden',
    signOutOthers: 'Überall sonst abmelden',
  },
  here: {
    summary_one: '{{count, number}} von {{ofFollowing}} ist auf Bluesky oder Mastodon ({{percent}}).',
    summary_other: '{{count, number}} von {{ofFollowing}} sind auf Bluesky oder Mastodon ({{percent}}).',
    ofFollowing_one: 'dem Konto, dem du auf X gefolgt bist',
    ofFollowing_other: 'den {{count, number}} Konten, denen du auf X gefolgt bist',
    networks: 'Bluesky: {{bluesky}} · Mastodon: {{mastodon}}',
    needArchive: 'Lade dein X-Archiv hoch, damit Passerelle zählen kann, wer hier ist.',
  },
  share: {
    title: 'Hol deine Leute dazu',
    intro:
      'Sag den Leuten, die dir auf X gefolgt sind, wo sie dich jetzt finden. Jeder Knopf öffnet das Netzwerk mit einem fertigen Beitrag, den du vor dem Senden ändern kannst.',
    postLabel: 'Dein Beitrag',
    post: 'Ich ziehe um: Ihr findet mich unter {{accounts}}.',
    postWithPage: 'Ich ziehe um: Ihr findet mich unter {{accounts}}. Kommt mit: {{url}}',
    accountOn: '{{handle}} auf {{network}}',
    onX: 'Auf X posten',
    onBluesky: 'Auf Bluesky posten',
    onMastodon: 'Auf Mastodon posten',
    linkFirst:
      'Verknüpfe zuerst dein Bluesky- oder Mastodon-Konto: Der Beitrag sagt den Leuten, wo sie dich finden.',
    linkFirstAction: 'Ein Konto verknüpfen',
    pageOff:
      'Deine öffentliche Seite ist aus, daher nennt der Beitrag nur deine Konten. Schalte sie in den Einstellungen ein, um einen Link hinzuzufügen, den andere öffnen können.',
    pageOn: 'Der Beitrag verlinkt auf deine öffentliche Seite:',
    settings: 'Einstellungen',
    mastodonTitle: 'Noch kein Mastodon-Konto?',
    mastodonIntro:
      'Mastodon besteht aus vielen Servern, die miteinander sprechen: Wer auf einem ist, kann Leuten auf jedem anderen folgen. Such dir einen aus, der zu dir passt; du kannst später umziehen und deine Follower behalten.',
    mastodonStep1: 'Wähle unten einen Server und öffne ihn.',
    mastodonStep2:
      'Wähle „Konto erstellen“, akzeptiere seine Regeln und gib eine E-Mail-Adresse und ein Passwort an.',
    mastodonStep3:
      'Bestätige deine E-Mail-Adresse, komm dann zurück und verknüpfe das neue Konto auf der Anmeldeseite.',
    serversTitle: 'Server zum Beitreten',
    languages: 'Sprachen: {{languages}}',
    signups: {
      open: 'Offene Registrierung',
      approval: 'Registrierung auf Anfrage',
      closed: 'Registrierung geschlossen',
    },
    topics: {
      general: 'Allgemein',
      technology: 'Technik',
      science: 'Wissenschaft',
      art: 'Kunst',
      journalism: 'Journalismus',
      activism: 'Aktivismus',
      academia: 'Forschung und Lehre',
      regional: 'Regional',
      games: 'Spiele',
      music: 'Musik',
    },
  },
  people: {
    title: '@{{username}} hat X verlassen',
    intro: 'Hier findest du die Person jetzt; folge ihr, um in Kontakt zu bleiben:',
    invite:
      'Bist du ihr auf X gefolgt? Passerelle findet die Leute, denen du dort gefolgt bist und die schon auf Bluesky oder Mastodon sind, und folgt ihnen für dich.',
    start: 'Auch meine Leute finden',
    notFoundTitle: 'Seite nicht gefunden',
    notFound:
      'Unter dieser Adresse gibt es keine öffentliche Seite. Vielleicht hat die Person sie nicht eingeschaltet, oder die Adresse ist falsch geschrieben.',
    home: 'Zur Startseite',
  },
};
