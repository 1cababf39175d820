// Chaînes françaises : mêmes clés que en.ts (le type l'impose).
import type { Messages } from './en.ts';

export const fr: Messages = {
  skip: 'Aller au contenu',
  nav: {
    label: 'Principal',
    home: 'Accueil',
    signup: 'Inscription',
    archive: 'Archive',
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
    UNAUTHENTICATED: 'Votre session a pris fin. Rechargez la page pour recommencer.',
    CSRF_REJECTED: 'La requête a été refusée par sécurité. Rechargez la page et réessayez.',
    RATE_LIMITED: 'Trop de tentatives. Réessayez dans {{retryAfterSeconds}} secondes.',
    UPLOAD_TOO_LARGE: 'Les listes de cette archive sont trop volumineuses ({{maxBytes}} octets au plus).',
    ARCHIVE_OWNER_MISMATCH:
      'Cette archive appartient à un autre compte X ({{archiveAccountId}}) que celui lié à votre compte Passerelle ({{userAccountId}}). Déposez l’archive de votre propre compte.',
    INVALID_REQUEST: 'Le serveur a refusé les données : {{message}}',
    NETWORK: 'Le serveur est injoignable. Vérifiez votre connexion et réessayez.',
    INTERNAL: 'Un problème est survenu de notre côté ; rien n’a été modifié. Réessayez.',
    UNKNOWN: 'Erreur : {{message}}',
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
    needArchive: 'Déposez d’abord votre archive X pour que votre progression soit mesurée.',
  },
  signup: {
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
    notLinked: 'Non lié',
    proven: 'Prouvé',
    notProven: 'Pas encore prouvé',
    archive: 'Archive X',
    archiveDone: 'Déposée',
    archiveTodo: 'Pas encore déposée',
  },
};
