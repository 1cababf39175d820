// Umzugsanleitung, Deutsch.
export function GuideDe() {
  return (
    <article>
      <h1>X verlassen: die Anleitung</h1>
      <h2>1. Dein X-Archiv herunterladen</h2>
      <ol>
        <li>
          Öffne auf X Einstellungen und Datenschutz › Dein Account › Ein Archiv deiner Daten herunterladen.
        </li>
        <li>Bestätige dein Passwort (und den Code, den X dir schickt) und wähle dann „Archiv anfordern“.</li>
        <li>
          X stellt es im Hintergrund zusammen: meist innerhalb von 24 Stunden, bei großen Konten manchmal ein
          paar Tage. Du bekommst eine Benachrichtigung und eine E-Mail mit einem Download-Link, der einige
          Tage gültig ist.
        </li>
        <li>
          Lade die ZIP-Datei herunter. Entpacken musst du sie nicht: Gib Passerelle einfach die ZIP-Datei.
        </li>
      </ol>
      <p>
        Passerelle öffnet das Archiv in deinem Browser und sendet nur deine Konto-ID und die Listen der
        Konto-IDs, denen du folgst und die dir folgen. Deine Posts, Fotos und Direktnachrichten verlassen dein
        Gerät nie.
      </p>
      <h3>Während du darauf wartest</h3>
      <p>
        Du brauchst das Archiv nicht, um anzufangen. Verknüpfe auf der Anmeldeseite dein Bluesky- oder
        Mastodon-Konto und logge dich mit X ein, um zu bestätigen, dass das X-Konto dir gehört: Ab dann können
        dich die Leute, die dir auf X gefolgt sind und Passerelle nutzen, finden, wenn du es erlaubst.
        Passerelle erinnert dich bei deinen nächsten Besuchen daran, das Archiv hochzuladen; sobald es
        ankommt, lade es hoch, um alle zu finden, denen du gefolgt bist.
      </p>
      <p>
        Später auf einem anderen Gerät loggst du dich mit dem Bluesky- oder Mastodon-Konto ein, das du
        verknüpft hast: Du findest dein Passerelle-Konto so vor, wie du es verlassen hast.
      </p>
      <h2>2. Einen Mastodon-Server wählen</h2>
      <ul>
        <li>
          Mastodon besteht aus vielen Servern, die miteinander sprechen: Von jedem Server aus kannst du allen
          folgen.
        </li>
        <li>
          Such dir einen aus, dessen Regeln und Sprache zu dir passen, der von Leuten betrieben wird, denen du
          vertraust, und bei dem man sich anmelden kann. Ein großer allgemeiner Server (etwa mastodon.social)
          ist ein guter Anfang.
        </li>
        <li>Du kannst später umziehen: Mastodon nimmt deine Follower zu deinem neuen Konto mit.</li>
      </ul>
      <p>
        Für Bluesky reicht eine Anmeldung auf bsky.app; du kannst auch deine eigene Domain als Handle
        verwenden.
      </p>
      <h2>3. Was mit deinem X-Konto passiert</h2>
      <ul>
        <li>Passerelle postet nie auf X und löscht dort nie etwas.</li>
        <li>
          Lass dein X-Konto noch eine Weile offen, mit einem Hinweis auf deine neuen Adressen, damit die Leute
          dir folgen können; deaktiviere es erst, wenn du so weit bist (X löscht es 30 Tage nach der
          Deaktivierung).
        </li>
        <li>
          Ein gelöschter Nutzername kann von jemand anderem übernommen werden: Manche behalten ihr Konto
          deshalb, geschützt und leer.
        </li>
      </ul>
      <h2>4. Dein Archiv aufbewahren</h2>
      <p>
        Dein Archiv ist die einzige Kopie deiner Jahre auf X. Bewahr die ZIP-Datei an einem sicheren Ort auf
        (zwei Kopien sind besser als eine), bevor du dein Konto deaktivierst.
      </p>
    </article>
  );
}
