// Chaînes françaises : mêmes clés que en.ts (le type l'impose).
import type { Messages } from './en.ts';

export const fr: Messages = {
  skip: 'Aller au contenu',
  nav: {
    label: 'Principal',
    home: 'Accueil',
    signup: 'Inscription',
    signin: 'Connexion',
    archive: 'Archive',
    matches: 'Contacts',
    progress: 'Progression',
    pledge: 'Engagement',
    stats: 'Statistiques',
    guide: 'Guide',
    settings: 'Réglages',
  },
  language: { label: 'Langue', fr: 'Français', en: 'English' },
  common: { loading: 'Chargement…', retry: 'Réessayer', error: 'Un problème est survenu : {{message}}' },
  landing: {
    title: 'Quittez X sans perdre votre réseau',
    p1: 'Passerelle lit l’archive que X vous laisse télécharger et retrouve les personnes que vous suiviez qui sont déjà sur Bluesky ou Mastodon.',
    p2: 'Elle les suit pour vous, permet à celles qui vous suivaient de vous retrouver, et continue à mesure que vos contacts arrivent.',
    p3: 'Chaque départ facilite le suivant : plus nous partons nombreux, moins chacun perd.',
    start: 'Commencer : déposer mon archive X',
    guide: 'Comment obtenir votre archive X',
    countersTitle: 'Jusqu’ici',
    users: 'personnes inscrites',
    bluesky: 'liens reconstruits sur Bluesky',
    mastodon: 'liens reconstruits sur Mastodon',
    pledges: 'engagements à partir',
    countersUnavailable: 'Les compteurs sont indisponibles pour le moment.',
  },
  archive: {
    title: 'Votre archive X',
    intro:
      'Choisissez le zip envoyé par X, ou les fichiers de l’archive décompressée. Elle est ouverte dans votre navigateur : seuls le titulaire et les listes d’identifiants de comptes sont envoyés, jamais vos messages, médias ou conversations privées.',
    chooseZip: 'Archive X (zip ou fichiers .js)',
    chooseFolder: 'Ou le dossier décompressé',
    reading: 'Lecture de {{file}}…',
    progressLabel: 'Lecture de l’archive',
    uploading: 'Envoi des listes…',
    storing: 'Enregistrement des listes : {{done}} comptes sur {{total}}…',
    found: 'Trouvé dans l’archive de @{{username}} : {{following}} comptes suivis et {{followers}} abonnés.',
    stored:
      'Enregistré. Passerelle connaît maintenant les {{following}} comptes que vous suiviez et vos {{followers}} abonnés.',
    current:
      'Archive enregistrée : @{{username}}, {{following}} suivis, {{followers}} abonnés (importée le {{date}}).',
    next: 'Ensuite : reliez votre compte Bluesky ou Mastodon',
    warnings: 'Remarques sur cette archive :',
    failed: 'Cette archive n’a pas pu être utilisée.',
  },
  archiveError: {
    NOT_A_ZIP:
      '« {{file}} » n’est ni un zip ni un fichier d’archive X. Choisissez le zip téléchargé depuis X (Paramètres › Votre compte › Télécharger une archive de vos données), ou les fichiers de son dossier data.',
    EMPTY_FILE:
      '« {{file}} » est vide. Le téléchargement a sans doute été interrompu : téléchargez à nouveau l’archive depuis X.',
    CORRUPT_ZIP:
      '« {{file}} » est endommagé ou incomplet ({{detail}}). Téléchargez à nouveau l’archive depuis X et laissez le téléchargement se terminer.',
    MISSING_FILE:
      'L’archive ne contient pas {{missing}}. Choisissez le zip entier, ou les fichiers account.js, following.js et follower.js.',
    WRONG_PREFIX:
      '« {{file}} » n’est pas le fichier qu’une archive X contient sous ce nom. Donnez l’archive telle que X l’a livrée.',
    MALFORMED_ENTRY:
      '« {{file}} » est endommagé à la ligne {{line}}. Le fichier a sans doute été modifié : téléchargez à nouveau l’archive.',
    INVALID_ID:
      '« {{file}} » contient « {{value}} » (ligne {{line}}), qui n’est pas un identifiant de compte X. Téléchargez à nouveau l’archive.',
    ZIP_BOMB:
      '« {{file}} » a été refusé : une vraie archive X n’a jamais cette forme. Téléchargez-la à nouveau depuis X.',
    GRAILBIRD:
      'C’est une ancienne archive X (d’avant 2018) : elle ne contient pas la liste des comptes que vous suivez. Demandez une nouvelle archive à X et utilisez-la.',
    UNKNOWN: 'L’archive n’a pas pu être lue : {{message}}',
  },
  archiveWarning: {
    MANIFEST_COUNT_MISMATCH:
      'L’archive annonce un autre nombre de comptes que celui qu’elle contient ; ceux trouvés sont utilisés.',
    MANIFEST_UNREADABLE:
      'La table des matières de l’archive est illisible ; les listes ont quand même été lues.',
    DUPLICATE_IDS: 'Certains comptes apparaissent deux fois ; chacun est compté une fois.',
    UNLISTED_PART_FILE:
      'Une partie de liste n’était pas dans la table des matières ; elle a quand même été lue.',
  },
  apiError: {
    SIGNIN_HANDLE_MISSING: 'Indiquez votre identifiant Bluesky (par exemple alice.bsky.social).',
    SIGNIN_INSTANCE_MISSING: 'Indiquez votre serveur Mastodon (par exemple mastodon.social).',
    SIGNIN_NOT_CONFIGURED: 'La connexion avec ce réseau n’est pas disponible sur ce serveur.',
    SESSION_NOT_FOUND: 'Cette session est déjà terminée.',
    X_NOT_CONFIGURED: 'La connexion avec X n’est pas disponible sur ce serveur.',
    UNAUTHENTICATED: 'Votre session a pris fin. Rechargez la page pour recommencer.',
    CSRF_REJECTED: 'La requête a été refusée par sécurité. Rechargez la page et réessayez.',
    RATE_LIMITED: 'Trop de tentatives. Réessayez dans {{retryAfterSeconds}} secondes.',
    BODY_TOO_LARGE: 'La requête est trop grande ({{maxBytes}} octets au plus).',
    UPLOAD_TOO_LARGE: 'Les listes de cette archive sont trop volumineuses ({{maxBytes}} octets au plus).',
    ARCHIVE_OWNER_MISMATCH:
      'Cette archive appartient à un autre compte X ({{archiveAccountId}}) que celui lié à votre compte Passerelle ({{userAccountId}}). Déposez l’archive de votre propre compte.',
    ARCHIVE_CLAIMED_ELSEWHERE:
      'Un autre compte Passerelle détient déjà l’archive du compte X {{archiveAccountId}}. S’il est à vous, connectez-vous avec X : ce compte devient le vôtre dès que X le confirme.',
    INVALID_REQUEST: 'Le serveur a refusé les données : {{message}}',
    NETWORK: 'Le serveur est injoignable. Vérifiez votre connexion et réessayez.',
    DATABASE_UNAVAILABLE:
      'La base de données est momentanément indisponible. Réessayez dans {{retryAfterSeconds}} secondes.',
    DATABASE_DISK_FULL:
      'Le disque du serveur est plein : plus rien ne peut être enregistré pour l’instant. Réessayez plus tard.',
    INTERNAL: 'Un problème est survenu de notre côté ; rien n’a été modifié. Réessayez.',
    LINK_EXISTS: 'Votre compte {{handle}} est déjà relié sur ce réseau.',
    ACCOUNT_HELD:
      'Ce compte est déjà relié à une autre personne sur Passerelle (compte X {{holder}}). Il ne peut être relié qu’à une seule personne : déliez-le d’abord là-bas.',
    ACCOUNT_HELD_UNKNOWN:
      'Ce compte est déjà relié à une autre personne sur Passerelle. Il ne peut être relié qu’à une seule personne : déliez-le d’abord là-bas.',
    REAUTH_OTHER_ACCOUNT:
      'Vous vous êtes connecté avec un autre compte que celui qui est relié. Pour relier un autre compte, recommencez et confirmez le remplacement.',
    LINK_OTHER_SESSION:
      'Cette connexion a été commencée dans un autre navigateur ou une autre session : recommencez ici.',
    LINK_FAILED: 'La liaison n’a pas abouti. Vérifiez l’adresse et réessayez.',
    LINK_NOT_CONFIGURED: 'La liaison avec ce réseau n’est pas configurée sur ce serveur Passerelle.',
    LINK_START_FAILED: 'La liaison n’a pas pu commencer. Vérifiez l’adresse et réessayez.',
    INVALID_INSTANCE: 'Ce serveur Mastodon ne peut pas être utilisé. Vérifiez son adresse.',
    NOT_LINKED: 'Aucun compte n’est relié sur ce réseau.',
    UNKNOWN: 'Erreur : {{message}}',
  },
  link: {
    replaceConfirm:
      'Votre compte {{handle}} est déjà relié. Le remplacer par le compte avec lequel vous allez vous connecter ? Passerelle révoquera son accès à {{handle}}.',
    reauthorise: 'Se reconnecter à {{network}}',
    status: { active: 'actif', needs_reauth: 'reconnexion nécessaire' },
  },
  matches: {
    title: 'Vos contacts',
    summaryFollowing_one:
      '{{onBluesky}} des {{following}} comptes que vous suiviez sur X est sur Bluesky, {{onMastodon}} sur Mastodon ;',
    summaryFollowing_other:
      '{{onBluesky}} des {{following}} comptes que vous suiviez sur X sont sur Bluesky, {{onMastodon}} sur Mastodon ;',
    summaryFollowers_one: '{{followersHere}} de vos abonnés est ici.',
    summaryFollowers_other: '{{followersHere}} de vos abonnés sont ici.',
    search: 'Rechercher par nom ou identifiant',
    filter: 'Afficher',
    network: 'Réseau',
    allNetworks: 'Tous les réseaux',
    filters: {
      all: 'Tous',
      followed_you: 'Vous suivaient sur X',
      mutuals: 'Mutuels',
      bridged: 'Via la passerelle',
      dismissed: 'Écartés',
    },
    reasons: {
      you_followed_on_x: 'Vous le suiviez sur X',
      followed_you_on_x: 'Vous suivait sur X',
      mutual: 'Vous vous suiviez',
    },
    status: {
      suggested: 'Proposé',
      queued: 'En file',
      done: 'Suivi',
      already_following: 'Déjà suivi',
      requested: 'Demande envoyée, en attente d’acceptation',
      declined: 'Demande refusée',
      waiting: 'En attente de la limite de la plateforme',
      needs_reauth: 'Reconnexion nécessaire',
      failed: 'Échec',
      dismissed: 'Écarté',
    },
    bridged: 'via la passerelle',
    dismiss: 'Écarter',
    restore: 'Rétablir',
    reconnectAll: 'Tout reconnecter',
    queued_one: '{{count}} abonnement mis en file.',
    queued_other: '{{count}} abonnements mis en file.',
    auto: 'Mode automatique : suivre pour moi, à mesure qu’elles arrivent, les personnes que je suivais sur X (suivre en retour mes abonnés X est un choix à part, dans les réglages)',
    csv: 'Télécharger le fichier d’import Mastodon (CSV)',
    blueskyList: 'En faire une liste Bluesky',
    listMade_one: 'Liste créée sur votre compte Bluesky avec {{count}} personne.',
    listMade_other: 'Liste créée sur votre compte Bluesky avec {{count}} personnes.',
    empty: 'Personne pour l’instant.',
    unavailable:
      'Vos contacts apparaissent ici une fois l’archive déposée et un compte Bluesky ou Mastodon relié.',
  },
  progress: {
    title: 'Progression',
    intro:
      'Les abonnements se font au rythme que chaque réseau permet. Cette page se met à jour toute seule.',
    done: 'Faits',
    queued: 'En file',
    requested: 'Demandes envoyées, en attente d’acceptation',
    declined: 'Demandes refusées',
    waiting: 'En attente de la limite de la plateforme',
    waitingUntil: 'En attente de la limite de la plateforme, levée à {{time}}',
    reauth: 'Reconnectez-vous à {{network}} pour que Passerelle continue.',
    finish: 'Fin estimée : {{time}}',
    none: 'Rien en cours pour l’instant.',
    unavailable: 'La progression apparaît ici une fois les abonnements lancés.',
  },
  stats: {
    title: 'Statistiques publiques',
    intro: 'Combien de personnes sont venues, et combien de liens ont été reconstruits, jour après jour.',
    chartLabel: 'Inscriptions, archives et liens reconstruits cumulés par jour',
    users: 'Personnes inscrites',
    archives: 'Archives déposées',
    bluesky: 'Liens sur Bluesky',
    mastodon: 'Liens sur Mastodon',
    table: 'Aujourd’hui',
  },
  settings: {
    title: 'Réglages',
    noSession: 'Vous n’avez pas encore de session sur cet appareil.',
    linked: 'Comptes liés',
    unlink: 'Délier {{handle}}',
    noLinked: 'Aucun compte Bluesky ou Mastodon lié pour l’instant.',
    xAccount: 'Compte X : {{id}} ({{state}})',
    proven: 'propriété prouvée',
    claimed: 'd’après votre archive, pas encore prouvé',
    downloadTitle: 'Vos données',
    download: 'Télécharger toutes mes données (JSON)',
    deleteTitle: 'Tout supprimer',
    deleteExplain:
      'Supprime de Passerelle vos listes d’archive, comptes liés, abonnements prévus, engagement et sessions, et révoque son accès à vos comptes quand le réseau le permet. Les abonnements déjà faits restent sur les réseaux.',
    delete: 'Tout supprimer',
    confirm: 'Oui, tout supprimer maintenant',
    cancel: 'Annuler',
    deleted: 'Tout a été supprimé. Merci d’avoir essayé Passerelle.',
    signOut: 'Me déconnecter sur cet appareil',
    signOutEverywhere: 'Me déconnecter sur tous mes appareils',
    consentsTitle: 'Ce que j’autorise',
    consent: {
      discoverable: 'Les personnes qui me suivaient sur X peuvent me trouver et me suivre ici',
      autoFollow: 'Suivre automatiquement, à mesure qu’elles arrivent, les personnes que je suivais sur X',
      followBack: 'Suivre aussi en retour les personnes qui me suivaient sur X',
      publicStats: 'Me compter dans les statistiques publiques',
    },
    consentHistory: 'Historique de mes choix',
    byOperator: 'réglé par l’équipe qui gère ce Passerelle',
    on: 'oui',
    off: 'non',
    unanswered: 'pas encore de réponse : vaut non',
  },
  pledge: {
    title: 'Mon engagement',
    intro: 'Dites quand vous quitterez X. Votre engagement est compté publiquement (sans votre nom).',
    percentChoice: 'Quand cette part des personnes que je suis sera partie',
    dateChoice: 'À une date',
    percent: 'Part des personnes que je suis (%)',
    date: 'Date',
    email: 'Me prévenir par courriel quand c’est atteint (facultatif)',
    save: 'Enregistrer mon engagement',
    withdraw: 'Retirer mon engagement',
    saved: 'Engagement enregistré.',
    progress: '{{moved}} des {{following}} comptes que vous suiviez sur X sont ici ({{percent}} %).',
    reached: 'Atteint le {{date}}.',
    needArchive: 'Déposez d’abord votre archive X pour que votre progression soit mesurée.',
  },
  signup: {
    failed: 'Cette étape n’a pas abouti ; réessayez.',
    errors: {
      RATE_LIMITED: 'Trop de tentatives depuis cette adresse. Réessayez dans {{retryAfterSeconds}} secondes.',
      LINK_FAILED: 'La liaison n’a pas abouti. Vérifiez l’identifiant ou le serveur et réessayez.',
      LINK_NOT_CONFIGURED: 'La liaison de ce réseau n’est pas disponible sur ce serveur.',
      LINK_OTHER_SESSION:
        'Cette liaison a été commencée dans une autre session. Recommencez-la depuis cette page.',
      X_NOT_CONFIGURED: 'La connexion avec X n’est pas disponible sur ce serveur.',
      X_SIGN_IN: 'La connexion avec X n’a pas abouti. Recommencez.',
      X_IDENTITY_MISMATCH:
        'Ce compte X n’est pas celui de votre archive. Connectez-vous avec votre propre compte X.',
      X_ACCOUNT_ALREADY_PROVEN: 'Ce compte X est déjà prouvé par un autre compte Passerelle.',
    },
    title: 'Inscription',
    intro:
      'Reliez les comptes que vous voulez, dans l’ordre que vous voulez. Chaque étape indique où elle en est.',
    bluesky: 'Bluesky',
    blueskyHandle: 'Votre identifiant Bluesky',
    mastodon: 'Mastodon',
    mastodonInstance: 'Votre serveur Mastodon (par ex. mastodon.social)',
    x: 'X (prouve que l’archive est la vôtre)',
    connect: 'Connecter',
    linked: 'Lié en tant que {{handle}}',
    needsReauth: '{{handle}} : reconnectez-vous pour continuer',
    notLinked: 'Non lié',
    proven: 'Prouvé',
    notProven: 'Pas encore prouvé',
    archive: 'Archive X',
    archiveDone: 'Déposée',
    archiveTodo: 'Pas encore déposée',
    noArchiveYet:
      'Pas encore d’archive ? X met un jour ou plus à la préparer. Reliez vos réseaux et prouvez votre compte X dès maintenant : les personnes qui vous suivaient peuvent vous retrouver tout de suite. Déposez l’archive quand elle arrive, pour retrouver tous les comptes que vous suiviez.',
    howToRequest: 'Comment demander votre archive',
  },
  signin: {
    title: 'Connexion',
    intro:
      'Déjà sur Passerelle ? Connectez-vous sur cet appareil avec le compte Bluesky ou Mastodon que vous avez relié. Vos sessions sur vos autres appareils restent ouvertes.',
    bluesky: 'Avec Bluesky',
    mastodon: 'Avec Mastodon',
    submit: 'Se connecter',
    done: 'Vous êtes connecté·e avec {{network}}. Bon retour parmi nous.',
    start: 'Commencer ici',
    newHere: 'Nouveau ou nouvelle sur Passerelle ?',
    toSettings: 'Aller aux réglages pour vous en déconnecter',
    errors: {
      SIGNIN_NOT_LINKED:
        'Ce compte {{network}} n’est relié à aucun compte Passerelle pour l’instant : il n’y a rien à quoi vous connecter. Vous débutez ? Commencez par le relier depuis la page d’inscription.',
      SIGNIN_OTHER_ACCOUNT:
        'Ce navigateur est connecté à un autre compte Passerelle, qui contient ses propres données. Rien n’a été modifié : déconnectez-vous d’abord de ce compte (dans les réglages), puis reconnectez-vous.',
      SIGNIN_NOT_STARTED_HERE:
        'Cette connexion a été commencée dans un autre navigateur ou une autre session, ou a pris trop de temps. Rien n’a été modifié : recommencez depuis cette page.',
      SIGNIN_NOT_CONFIGURED: 'La connexion avec {{network}} n’est pas disponible sur ce serveur.',
      SIGNIN_FAILED:
        'La connexion avec {{network}} n’a pas abouti. Vérifiez l’identifiant ou le serveur et réessayez.',
    },
  },
  consentQuestion: {
    title: 'Permettre aux personnes qui vous suivaient sur X de vous retrouver ici ?',
    meaning:
      'Si vous acceptez, les personnes qui vous suivaient sur X et utilisent Passerelle verront votre compte Bluesky ou Mastodon parmi leurs contacts retrouvés, et pourront vous y suivre. Seul votre compte X prouvé sert à cela ; vous pouvez changer d’avis à tout moment dans les réglages.',
    until: 'Tant que vous n’avez pas répondu, rien de vous n’est montré à personne.',
    yes: 'Oui, qu’on me retrouve',
    no: 'Non, rester invisible',
    yesState: 'Oui : on peut vous retrouver',
    noState: 'Non : vous restez invisible',
    unanswered: 'Pas encore de réponse',
    change: 'Changer dans les réglages',
  },
  reminder: {
    archive:
      'Votre archive X n’est pas encore là. Quand X vous l’aura envoyée, déposez-la pour retrouver tous les comptes que vous suiviez.',
    upload: 'La déposer',
    how: 'Comment la demander',
  },
  sessions: {
    title: 'Où je suis connecté·e',
    unknownDevice: 'Appareil inconnu',
    thisDevice: 'cet appareil',
    times: 'connexion le {{created}}, dernière utilisation le {{seen}}',
    signOutThere: 'Déconnecter cet appareil',
    signOutOthers: 'Me déconnecter partout ailleurs',
  },
};
