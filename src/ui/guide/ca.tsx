// Guia de migració, català.
export function GuideCa() {
  return (
    <article>
      <h1>Deixar X: la guia</h1>
      <h2>1. Descarrega el teu arxiu d’X</h2>
      <ol>
        <li>A X, obre Configuració i privadesa › El teu compte › Baixa un arxiu de les teves dades.</li>
        <li>Confirma la contrasenya (i el codi que t’envia X) i tria «Sol·licita l’arxiu».</li>
        <li>
          X el prepara en segon pla: normalment en menys de 24 hores, de vegades uns quants dies si el compte
          és gran. Rebràs una notificació i un correu amb un enllaç de descàrrega, vàlid durant uns quants
          dies.
        </li>
        <li>Descarrega el zip. No cal que el descomprimeixis: dona el zip tal qual a Passerelle.</li>
      </ol>
      <p>
        Passerelle obre l’arxiu al teu navegador i només envia l’identificador del teu compte i les llistes
        d’identificadors dels comptes que segueixes i que et segueixen. Les teves publicacions, fotos i
        missatges directes no surten mai del teu dispositiu.
      </p>
      <h3>Mentre l’esperes</h3>
      <p>
        No necessites l’arxiu per començar. A la pàgina de registre, vincula el teu compte de Bluesky o de
        Mastodon i inicia la sessió amb X per demostrar que el compte d’X és teu: a partir d’aleshores, la
        gent que et seguia a X i fa servir Passerelle et pot trobar, si ho permets. Passerelle et recorda que
        pugis l’arxiu en les visites següents; quan arribi, puja’l per trobar tothom qui seguies.
      </p>
      <p>
        Més endavant, en un altre dispositiu, inicia la sessió amb el compte de Bluesky o de Mastodon que vas
        vincular: hi trobaràs el teu compte de Passerelle tal com el vas deixar.
      </p>
      <h2>2. Tria un servidor de Mastodon</h2>
      <ul>
        <li>
          Mastodon són molts servidors que parlen entre ells: des de qualsevol pots seguir qualsevol persona.
        </li>
        <li>
          Tria’n un amb unes normes i una llengua que et vagin bé, gestionat per gent de confiança i amb el
          registre obert. Un servidor general i gran (com mastodon.social) és un bon punt de partida.
        </li>
        <li>Més endavant pots canviar-ne: Mastodon trasllada els teus seguidors al compte nou.</li>
      </ul>
      <p>
        Per a Bluesky n’hi ha prou amb registrar-se a bsky.app; també pots fer servir el teu propi domini com
        a identificador.
      </p>
      <h2>3. Què passa amb el teu compte d’X</h2>
      <ul>
        <li>Passerelle no publica mai a X ni hi esborra mai res.</li>
        <li>
          Mantén el compte d’X obert una temporada amb un missatge que indiqui les teves adreces noves, perquè
          la gent et pugui seguir; desactiva’l només quan estiguis a punt (X l’esborra 30 dies després de la
          desactivació).
        </li>
        <li>
          Un nom d’usuari esborrat el pot agafar una altra persona: hi ha qui conserva el compte, protegit i
          buit.
        </li>
      </ul>
      <h2>4. Guarda el teu arxiu</h2>
      <p>
        L’arxiu és l’única còpia dels teus anys a X. Guarda el zip en un lloc segur (dues còpies millor que
        una) abans de desactivar el compte.
      </p>
    </article>
  );
}
