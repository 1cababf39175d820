// Guide de migration, français.
export function GuideFr() {
  return (
    <article>
      <h1>Quitter X : le guide</h1>
      <h2>1. Télécharger votre archive X</h2>
      <ol>
        <li>
          Sur X, ouvrez Paramètres et confidentialité › Votre compte › Télécharger une archive de vos données.
        </li>
        <li>
          Confirmez votre mot de passe (et le code que X vous envoie), puis choisissez « Demander l’archive ».
        </li>
        <li>
          X la prépare en arrière-plan : en général en moins de 24 heures, parfois quelques jours pour les
          gros comptes. Vous recevez une notification et un courriel avec un lien valable quelques jours.
        </li>
        <li>Téléchargez le zip. Inutile de le décompresser : donnez le zip lui-même à Passerelle.</li>
      </ol>
      <p>
        Passerelle ouvre l’archive dans votre navigateur et n’envoie que l’identifiant de votre compte et les
        listes d’identifiants des comptes que vous suivez et qui vous suivent. Vos messages, photos et
        conversations privées ne quittent jamais votre appareil.
      </p>
      <h3>En attendant l’archive</h3>
      <p>
        Pas besoin de l’archive pour commencer. Sur la page d’inscription, reliez votre compte Bluesky ou
        Mastodon et connectez-vous avec X pour prouver que le compte X est bien le vôtre : dès lors, les
        personnes qui vous suivaient sur X et utilisent Passerelle peuvent vous retrouver, si vous l’acceptez.
        Passerelle vous rappelle de déposer l’archive à chacune de vos visites ; quand elle arrive, déposez-la
        pour retrouver tous les comptes que vous suiviez.
      </p>
      <p>
        Plus tard, sur un autre appareil, connectez-vous avec le compte Bluesky ou Mastodon que vous avez
        relié : vous retrouvez votre compte Passerelle tel que vous l’aviez laissé.
      </p>
      <h2>2. Choisir un serveur Mastodon</h2>
      <ul>
        <li>
          Mastodon, ce sont de nombreux serveurs reliés : on peut suivre n’importe qui depuis n’importe
          lequel.
        </li>
        <li>
          Choisissez-en un dont les règles et la langue vous conviennent, tenu par des gens de confiance,
          ouvert aux inscriptions. Un grand serveur généraliste (comme mastodon.social) est un bon début.
        </li>
        <li>Vous pourrez déménager plus tard : Mastodon transfère vos abonnés vers le nouveau compte.</li>
      </ul>
      <p>
        Bluesky fonctionne avec une seule inscription sur bsky.app ; votre propre nom de domaine peut servir
        d’identifiant.
      </p>
      <h2>3. Ce que devient votre compte X</h2>
      <ul>
        <li>Passerelle ne publie jamais sur X et n’y supprime rien.</li>
        <li>
          Gardez votre compte X ouvert quelque temps avec un message indiquant vos nouvelles adresses, pour
          qu’on vous retrouve ; désactivez-le quand vous êtes prêt·e (X le supprime 30 jours après la
          désactivation).
        </li>
        <li>
          Un nom d’utilisateur supprimé peut être repris : certaines personnes gardent le compte, verrouillé
          et vide.
        </li>
      </ul>
      <h2>4. Garder votre archive</h2>
      <p>
        Votre archive est la seule copie de vos années sur X. Rangez le zip en lieu sûr (deux copies valent
        mieux qu’une) avant de désactiver votre compte.
      </p>
    </article>
  );
}
