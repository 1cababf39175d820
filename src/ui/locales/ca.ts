// Textos en català: les mateixes claus que en.ts (el tipus ho imposa); plurals one, many i other.
import type { Translation } from './en.ts';

export const ca: Translation = {
  skip: 'Vés al contingut',
  nav: {
    label: 'Principal',
    home: 'Inici',
    signup: 'Registre',
    archive: 'Arxiu',
    matches: 'Contactes',
    progress: 'Progrés',
    pledge: 'Compromís',
    communities: 'Comunitats',
    stats: 'Estadístiques',
    guide: 'Guia',
    settings: 'Configuració',
  },
  language: { label: 'Llengua' },
  common: {
    loading: 'S’està carregant…',
    retry: 'Torna-ho a provar',
    error: 'Alguna cosa ha fallat: {{message}}',
  },
  landing: {
    title: 'Deixa X sense perdre la teva xarxa',
    p1: 'Passerelle llegeix l’arxiu que X et deixa descarregar i troba les persones que seguies que ja són a Bluesky o a Mastodon.',
    p2: 'Les segueix per tu, fa que les persones que et seguien et puguin retrobar i continua a mesura que arriben més contactes teus.',
    p3: 'Cada marxa fa més fàcil la següent: com més som a moure’ns, menys perd tothom.',
    start: 'Comença: puja el meu arxiu d’X',
    guide: 'Com obtenir l’arxiu d’X',
    countersTitle: 'Fins ara',
    users: 'persones registrades',
    bluesky: 'connexions refetes a Bluesky',
    mastodon: 'connexions refetes a Mastodon',
    pledges: 'compromisos de marxar',
    countersUnavailable: 'Ara mateix els comptadors no estan disponibles.',
  },
  activation: {
    title: 'L’engegada',
    yourFollows_one: 'El {{date}} a les {{time}} comença el seguiment que tens previst.',
    yourFollows_many: 'El {{date}} a les {{time}} comencen els teus {{n}} de seguiments previstos.',
    yourFollows_other: 'El {{date}} a les {{time}} comencen els teus {{n}} seguiments previstos.',
    everyone:
      'El {{date}} a les {{time}} s’engega Passerelle: a partir d’aleshores, comencen els seguiments automàtics.',
    countdown: 'D’aquí a {{left}}.',
    now: 'S’està engegant: els seguiments comencen.',
  },
  archive: {
    title: 'El teu arxiu d’X',
    intro:
      'Tria el zip que t’ha enviat X, o els fitxers de l’arxiu descomprimit. S’obre al teu navegador: només s’envien el titular i les llistes d’identificadors de comptes, mai les teves publicacions, imatges o missatges.',
    chooseZip: 'Arxiu d’X (zip o fitxers .js)',
    chooseFolder: 'O la carpeta descomprimida',
    reading: 'S’està llegint {{file}}…',
    progressLabel: 'Lectura de l’arxiu',
    uploading: 'S’estan enviant les llistes…',
    storing: 'S’estan desant les llistes: {{done}} de {{total}} comptes…',
    found:
      'Trobat a l’arxiu de @{{username}}: {{following}} comptes que segueixes i {{followers}} seguidors.',
    stored:
      'Desat. Passerelle ja coneix els {{following}} comptes que seguies i els teus {{followers}} seguidors.',
    current:
      'Arxiu desat: @{{username}}, {{following}} seguits, {{followers}} seguidors (importat el {{date}}).',
    next: 'Següent pas: enllaça el teu compte de Bluesky o de Mastodon',
    warnings: 'Notes sobre aquest arxiu:',
    failed: 'Aquest arxiu no es pot fer servir.',
  },
  archiveError: {
    NOT_A_ZIP:
      '«{{file}}» no és ni un zip ni un fitxer d’un arxiu d’X. Tria el zip que vas descarregar d’X (Configuració › El teu compte › Baixa un arxiu de les teves dades), o els fitxers de la seva carpeta data.',
    EMPTY_FILE:
      '«{{file}}» és buit. Segurament la descàrrega es va interrompre: torna a descarregar l’arxiu d’X.',
    CORRUPT_ZIP:
      '«{{file}}» està malmès o incomplet ({{detail}}). Torna a descarregar l’arxiu d’X i deixa que la descàrrega acabi.',
    MISSING_FILE:
      'A l’arxiu li falta {{missing}}. Tria el zip sencer, o els fitxers account.js, following.js i follower.js.',
    WRONG_PREFIX:
      '«{{file}}» no és el fitxer que un arxiu d’X té amb aquest nom. Dona l’arxiu tal com el va lliurar X.',
    MALFORMED_ENTRY:
      '«{{file}}» està malmès a la línia {{line}}. Segurament s’ha editat el fitxer: torna a descarregar l’arxiu.',
    INVALID_ID:
      '«{{file}}» conté «{{value}}» (línia {{line}}), que no és un identificador de compte d’X. Torna a descarregar l’arxiu.',
    ZIP_BOMB:
      'S’ha rebutjat «{{file}}»: un arxiu d’X autèntic mai no té aquest aspecte. Torna’l a descarregar d’X.',
    GRAILBIRD:
      'Aquest és un arxiu d’X antic (d’abans del 2018): no té la llista de qui segueixes. Demana un arxiu nou a X i fes servir aquell.',
    UNKNOWN: 'No s’ha pogut llegir l’arxiu: {{message}}',
  },
  archiveWarning: {
    MANIFEST_COUNT_MISMATCH:
      'L’arxiu anuncia un nombre de comptes diferent del que conté; es fan servir els que s’han trobat.',
    MANIFEST_UNREADABLE: 'L’índex de l’arxiu és il·legible; les llistes s’han llegit igualment.',
    DUPLICATE_IDS: 'Alguns comptes hi surten dues vegades; cadascun es compta una sola vegada.',
    UNLISTED_PART_FILE: 'Una part d’una llista no era a l’índex; s’ha llegit igualment.',
  },
  apiError: {
    COMMUNITY_NOT_FOUND: 'Aquesta comunitat no existeix. Comprova l’adreça.',
    COMMUNITY_SLUG_TAKEN: 'Aquesta adreça ja està agafada: tria’n una altra.',
    COMMUNITY_INVALID:
      'L’adreça ha de tenir de 3 a 48 lletres minúscules, xifres o guions; el nom, d’1 a 80 caràcters.',
    COMMUNITY_NOT_ORGANISER: 'Això només ho pot fer qui organitza aquesta comunitat.',
    COMMUNITY_NOT_MEMBER: 'Primer uneix-te a la comunitat.',
    COMMUNITY_INVITE_INVALID:
      'Aquest enllaç d’invitació ja no funciona. Demana’n un de nou a l’organització.',
    COMMUNITY_MEMBERS_CSV:
      'No es pot llegir el fitxer de membres: la primera línia ha d’anomenar una columna x_id.',
    X_PROOF_REQUIRED:
      'Primer inicia la sessió amb X: només qui té un compte d’X s’hi pot unir amb aquest compte.',
    X_NOT_CONFIGURED: 'En aquest servidor no es pot iniciar la sessió amb X.',
    UNAUTHENTICATED: 'La sessió ha acabat. Torna a carregar la pàgina per començar de nou.',
    CSRF_REJECTED:
      'S’ha rebutjat la petició per la teva seguretat. Torna a carregar la pàgina i prova-ho de nou.',
    RATE_LIMITED: 'Massa intents. Torna-ho a provar d’aquí a {{retryAfterSeconds}} segons.',
    BODY_TOO_LARGE: 'La petició és massa gran ({{maxBytes}} bytes com a màxim).',
    UPLOAD_TOO_LARGE:
      'Les llistes d’aquest arxiu són massa grans per enviar-les ({{maxBytes}} bytes com a màxim).',
    ARCHIVE_OWNER_MISMATCH:
      'Aquest arxiu és d’un altre compte d’X ({{archiveAccountId}}) que no pas el vinculat al teu compte de Passerelle ({{userAccountId}}). Puja l’arxiu del teu propi compte.',
    ARCHIVE_CLAIMED_ELSEWHERE:
      'Un altre compte de Passerelle ja té l’arxiu del compte d’X {{archiveAccountId}}. Si és teu, inicia la sessió amb X: el compte passa a ser teu quan X ho confirma.',
    INVALID_REQUEST: 'El servidor ha rebutjat les dades: {{message}}',
    NETWORK: 'No es pot contactar amb el servidor. Comprova la connexió i torna-ho a provar.',
    DATABASE_UNAVAILABLE:
      'La base de dades no està disponible un moment. Torna-ho a provar d’aquí a {{retryAfterSeconds}} segons.',
    DATABASE_DISK_FULL:
      'El disc del servidor és ple: ara mateix no es pot desar res més. Torna-ho a provar més tard.',
    INTERNAL: 'Alguna cosa ha fallat per part nostra; no s’ha canviat res. Torna-ho a provar.',
    LINK_EXISTS: 'El teu compte {{handle}} ja està enllaçat en aquesta xarxa.',
    ACCOUNT_HELD:
      'Aquest compte ja està enllaçat a una altra persona de Passerelle (compte d’X {{holder}}). Només pot pertànyer a una persona: primer desenllaça’l d’allà.',
    ACCOUNT_HELD_UNKNOWN:
      'Aquest compte ja està enllaçat a una altra persona de Passerelle. Només pot pertànyer a una persona: primer desenllaça’l d’allà.',
    REAUTH_OTHER_ACCOUNT:
      'Has iniciat la sessió amb un compte diferent de l’enllaçat. Per enllaçar-ne un altre, torna a començar l’enllaç i confirma la substitució.',
    LINK_OTHER_SESSION:
      'Aquest inici de sessió es va començar en un altre navegador o una altra sessió: torna a començar l’enllaç aquí.',
    LINK_FAILED: 'L’enllaç no ha funcionat. Comprova l’adreça i torna-ho a provar.',
    LINK_NOT_CONFIGURED: 'En aquest servidor de Passerelle no està configurat l’enllaç amb aquesta xarxa.',
    LINK_START_FAILED: 'L’enllaç no s’ha pogut iniciar. Comprova l’adreça i torna-ho a provar.',
    INVALID_INSTANCE: 'Aquest servidor de Mastodon no es pot fer servir. Comprova’n l’adreça.',
    NOT_LINKED: 'No hi ha cap compte enllaçat en aquesta xarxa.',
    UNKNOWN: 'Error: {{message}}',
  },
  link: {
    replaceConfirm:
      'El teu compte {{handle}} ja està enllaçat. El vols substituir pel compte amb què estàs a punt d’iniciar la sessió? Passerelle retirarà el seu accés a {{handle}}.',
    reauthorise: 'Torna a iniciar la sessió a {{network}}',
    status: { active: 'actiu', needs_reauth: 'cal que tornis a iniciar la sessió' },
  },
  matches: {
    title: 'La teva gent',
    summaryFollowing_one:
      '{{onBluesky}} dels {{following}} comptes que seguies a X és a Bluesky, {{onMastodon}} a Mastodon;',
    summaryFollowing_many:
      '{{onBluesky}} dels {{following}} comptes que seguies a X són a Bluesky, {{onMastodon}} a Mastodon;',
    summaryFollowing_other:
      '{{onBluesky}} dels {{following}} comptes que seguies a X són a Bluesky, {{onMastodon}} a Mastodon;',
    summaryFollowers_one: '{{followersHere}} dels teus seguidors és aquí.',
    summaryFollowers_many: '{{followersHere}} dels teus seguidors són aquí.',
    summaryFollowers_other: '{{followersHere}} dels teus seguidors són aquí.',
    search: 'Cerca per nom o identificador',
    filter: 'Mostra',
    network: 'Xarxa',
    allNetworks: 'Totes les xarxes',
    filters: {
      all: 'Tots',
      followed_you: 'Et seguien a X',
      mutuals: 'Mutus',
      bridged: 'Pel pont',
      dismissed: 'Descartats',
    },
    reasons: {
      you_followed_on_x: 'Seguies aquest compte a X',
      followed_you_on_x: 'Aquest compte et seguia a X',
      mutual: 'Us seguíeu mútuament',
    },
    status: {
      suggested: 'Suggerit',
      queued: 'A la cua',
      done: 'Seguit',
      already_following: 'Ja seguit',
      requested: 'Sol·licitat, a l’espera d’aprovació',
      declined: 'Sol·licitud rebutjada',
      held: 'A l’espera de l’engegada, el {{date}} a les {{time}}',
      waiting: 'A l’espera del límit de la plataforma',
      needs_reauth: 'Cal que tornis a iniciar la sessió',
      failed: 'Ha fallat',
      dismissed: 'Descartat',
    },
    bridged: 'pel pont',
    dismiss: 'Descarta',
    restore: 'Recupera',
    reconnectAll: 'Torna a connectar-ho tot',
    queued_one: '{{count}} seguiment a la cua.',
    queued_many: '{{count}} de seguiments a la cua.',
    queued_other: '{{count}} seguiments a la cua.',
    auto: 'Mode automàtic: segueix per mi, a mesura que arriben, les persones que seguia a X (tornar el seguiment als meus seguidors d’X és una opció a part, a la configuració)',
    csv: 'Descarrega el fitxer d’importació de Mastodon (CSV)',
    blueskyList: 'Fes-ne una llista de Bluesky',
    listMade_one: 'S’ha creat la llista al teu compte de Bluesky amb {{count}} persona.',
    listMade_many: 'S’ha creat la llista al teu compte de Bluesky amb {{count}} de persones.',
    listMade_other: 'S’ha creat la llista al teu compte de Bluesky amb {{count}} persones.',
    empty: 'Encara no hi ha ningú.',
    unavailable:
      'Els contactes apareixen aquí quan has pujat l’arxiu i has enllaçat un compte de Bluesky o de Mastodon.',
  },
  protected: {
    title: 'Lluny de tu',
    countOff_one: '{{n}} persona que tenies bloquejada o silenciada a X és a {{network}}.',
    countOff_many: '{{n}} de persones que tenies bloquejades o silenciades a X són a {{network}}.',
    countOff_other: '{{n}} persones que tenies bloquejades o silenciades a X són a {{network}}.',
    count_block_one:
      '{{n}} persona que tenies bloquejada o silenciada a X és a {{network}}: també hi està bloquejada o silenciada.',
    count_block_many:
      '{{n}} de persones que tenies bloquejades o silenciades a X són a {{network}}: també hi estan bloquejades o silenciades.',
    count_block_other:
      '{{n}} persones que tenies bloquejades o silenciades a X són a {{network}}: també hi estan bloquejades o silenciades.',
    count_mute_one:
      '{{n}} persona que tenies bloquejada o silenciada a X és a {{network}}: també hi està silenciada.',
    count_mute_many:
      '{{n}} de persones que tenies bloquejades o silenciades a X són a {{network}}: també hi estan silenciades.',
    count_mute_other:
      '{{n}} persones que tenies bloquejades o silenciades a X són a {{network}}: també hi estan silenciades.',
    carried_one: '({{n}} fet fins ara.)',
    carried_many: '({{n}} fets fins ara.)',
    carried_other: '({{n}} fets fins ara.)',
    never:
      'Passi el que passi, Passerelle mai no et proposa a les persones que vas bloquejar a X, mai no fa que et segueixin i mai no fa que segueixis ningú que vas bloquejar o silenciar.',
    question: 'Vols fer el mateix a les teves xarxes noves?',
    asBlocks: 'Bloqueja-les també allà',
    asMutes: 'Silencia-les allà (en privat)',
    notNow: 'Ara no',
    public:
      'A Bluesky els bloquejos són públics: qualsevol pot veure qui bloqueja un compte. Els silenciaments són privats. Els silenciaments d’X sempre es traslladen com a silenciaments.',
    show: 'Mostra qui són',
    onX: { blocked: 'bloquejat a X', muted: 'silenciat a X' },
  },
  progress: {
    title: 'Progrés',
    intro: 'Els seguiments es fan al ritme que permet cada xarxa. Aquesta pàgina s’actualitza sola.',
    done: 'Fets',
    queued: 'A la cua',
    requested: 'Sol·licitats, a l’espera d’aprovació',
    declined: 'Sol·licituds rebutjades',
    held: 'A l’espera de l’engegada, el {{date}} a les {{time}}',
    waiting: 'A l’espera del límit de la plataforma',
    waitingUntil: 'A l’espera del límit de la plataforma, que s’aixeca a les {{time}}',
    reauth: 'Torna a iniciar la sessió a {{network}} perquè Passerelle pugui continuar.',
    finish: 'Final previst: {{time}}',
    none: 'Encara no hi ha res en marxa.',
    unavailable: 'El progrés apareix aquí quan els seguiments estan en marxa.',
  },
  community: {
    circlesTitle: 'Els teus cercles',
    circlesIntro:
      'Els grups en què es divideix la teva xarxa d’X, entre les persones que ja són a Passerelle, i quantes de cada grup ja s’han mogut. Es calcula cada poques hores.',
    noCircles: 'Encara no hi ha cercles: apareixen quan alguns dels teus contactes d’X també són aquí.',
    unnamed: 'Un cercle',
    circleShare: '— {{moved}} de {{size}} dels teus contactes d’aquí s’han mogut ({{percent}} %).',
    createTitle: 'Crea una comunitat',
    name: 'Nom',
    slug: 'Adreça (lletres minúscules, xifres, guions)',
    create: 'Crea',
    countsCaption: 'Com està la comunitat',
    members: 'Membres',
    joined: 'Han dit que sí',
    onBluesky: 'A Bluesky',
    onMastodon: 'A Mastodon',
    pledged: 'S’han compromès a deixar X',
    chartLabel: 'Membres que han dit que sí, i d’aquests, quants a Bluesky i a Mastodon, dia a dia',
    joinTitle: 'Uneix-t’hi',
    joinText:
      'Inicia la sessió amb X i després uneix-t’hi amb l’enllaç d’invitació que t’ha donat l’organització.',
    invitedText: 'L’organització t’ha convidat. No es mostra res de tu fins que dius que sí.',
    joinListed: 'Uneix-m’hi i posa’m a la llista',
    joinUnlisted: 'Uneix-m’hi sense sortir a la llista',
    signInFirst: 'Encara no has iniciat la sessió amb X? Primer registra’t.',
    joinedNotice: 'Ja hi ets.',
    choicesTitle: 'Les teves opcions',
    listed:
      'Fes-me visible: els membres em veuen, i surto a la llista de Bluesky i al paquet d’inici de la comunitat',
    followAll: 'Segueix tots els membres a les meves xarxes, dins dels seus límits',
    mastodonList:
      'Fes-me una llista de Mastodon dels membres (Mastodon demana que primer els segueixi: Passerelle ho fa)',
    savedNotice: 'Desat. {{count}} seguiments previstos.',
    leave: 'Deixa la comunitat',
    membersTitle: 'Membres que han acceptat sortir a la llista ({{count}})',
    xAccount: 'Compte d’X {{id}}',
    onBlueskyAs: 'Bluesky: {{handle}}',
    onMastodonAs: 'Mastodon: {{handle}}',
    organiserTitle: 'Organització',
    newInvite: 'Crea un enllaç d’invitació nou (l’antic deixa de funcionar)',
    publishBluesky: 'Publica des del meu compte de Bluesky una llista i un paquet d’inici amb els membres',
  },
  stats: {
    title: 'Estadístiques públiques',
    intro: 'Quantes persones han vingut i quantes connexions s’han refet, dia a dia.',
    chartLabel: 'Registres, arxius i connexions refetes acumulats per dia',
    users: 'Persones registrades',
    archives: 'Arxius pujats',
    bluesky: 'Connexions a Bluesky',
    mastodon: 'Connexions a Mastodon',
    table: 'Avui',
  },
  settings: {
    title: 'Configuració',
    noSession: 'Encara no tens cap sessió en aquest dispositiu.',
    linked: 'Comptes enllaçats',
    unlink: 'Desenllaça {{handle}}',
    noLinked: 'Encara no hi ha cap compte de Bluesky o de Mastodon enllaçat.',
    xAccount: 'Compte d’X: {{id}} ({{state}})',
    proven: 'titularitat demostrada',
    claimed: 'segons el teu arxiu, encara no demostrat',
    downloadTitle: 'Les teves dades',
    download: 'Descarrega totes les meves dades (JSON)',
    deleteTitle: 'Esborra-ho tot',
    deleteExplain:
      'Esborra de Passerelle les llistes del teu arxiu, els comptes enllaçats, els seguiments previstos, el compromís i les sessions, i retira el seu accés als teus comptes quan la xarxa ho permet. Els seguiments ja fets es queden a les xarxes.',
    delete: 'Esborra-ho tot',
    confirm: 'Sí, esborra-ho tot ara',
    cancel: 'Cancel·la',
    deleted: 'S’ha esborrat tot. Gràcies per provar Passerelle.',
    signOut: 'Tanca la sessió en aquest dispositiu',
    signOutEverywhere: 'Tanca la sessió a tots els meus dispositius',
    consentsTitle: 'Què permeto',
    consent: {
      discoverable: 'Les persones que em seguien a X em poden trobar i seguir aquí',
      autoFollow: 'Segueix automàticament, a mesura que arriben, les persones que seguia a X',
      followBack: 'Torna també el seguiment a les persones que em seguien a X',
      publicStats: 'Compta’m a les estadístiques públiques',
    },
    consentHistory: 'Historial de les meves opcions',
    byOperator: 'establert per qui gestiona aquest Passerelle',
    on: 'activat',
    off: 'desactivat',
  },
  pledge: {
    title: 'El meu compromís',
    intro: 'Digues quan deixaràs X. El teu compromís es compta públicament (sense el teu nom).',
    percentChoice: 'Quan s’hagi mogut aquesta proporció de les persones que segueixo',
    dateChoice: 'En una data',
    percent: 'Proporció de les persones que segueixo (%)',
    date: 'Data',
    email: 'Envia’m un correu quan s’arribi (opcional)',
    save: 'Desa el meu compromís',
    withdraw: 'Retira el meu compromís',
    saved: 'S’ha desat el compromís.',
    progress: '{{moved}} dels {{following}} comptes que seguies a X són aquí ({{percent}} %).',
    reached: 'Assolit el {{date}}.',
    needArchive: 'Primer puja el teu arxiu d’X perquè es pugui mesurar el teu progrés.',
  },
  signup: {
    failed: 'Aquest pas no ha funcionat; torna-ho a provar.',
    errors: {
      RATE_LIMITED: 'Massa intents des d’aquí. Torna-ho a provar d’aquí a {{retryAfterSeconds}} segons.',
      LINK_FAILED: 'L’enllaç no ha funcionat. Comprova l’identificador o el servidor i torna-ho a provar.',
      LINK_NOT_CONFIGURED: 'En aquest servidor no es pot enllaçar aquesta xarxa.',
      LINK_OTHER_SESSION:
        'Aquest enllaç es va començar en una altra sessió. Torna’l a començar des d’aquesta pàgina.',
      X_NOT_CONFIGURED: 'En aquest servidor no es pot iniciar la sessió amb X.',
      X_SIGN_IN: 'L’inici de sessió amb X no ha funcionat. Torna’l a començar.',
      X_IDENTITY_MISMATCH:
        'Aquest compte d’X no és el del teu arxiu. Inicia la sessió amb el teu propi compte d’X.',
      X_ACCOUNT_ALREADY_PROVEN: 'Un altre compte de Passerelle ja ha demostrat que aquest compte d’X és seu.',
    },
    title: 'Registre',
    intro: 'Enllaça els comptes que vulguis, en l’ordre que vulguis. Cada pas mostra en quin punt està.',
    bluesky: 'Bluesky',
    blueskyHandle: 'El teu identificador de Bluesky',
    mastodon: 'Mastodon',
    mastodonInstance: 'El teu servidor de Mastodon (p. ex. mastodon.social)',
    x: 'X (demostra que l’arxiu és teu)',
    connect: 'Connecta',
    linked: 'Enllaçat com a {{handle}}',
    needsReauth: '{{handle}}: torna a iniciar la sessió per continuar',
    notLinked: 'No enllaçat',
    proven: 'Demostrat',
    notProven: 'Encara no demostrat',
    archive: 'Arxiu d’X',
    archiveDone: 'Pujat',
    archiveTodo: 'Encara no pujat',
  },
};
