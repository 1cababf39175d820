// Migration guide, Italian.
export function GuideIt() {
  return (
    <article>
      <h1>Lasciare X: la guida</h1>
      <h2>1. Scarica il tuo archivio di X</h2>
      <ol>
        <li>Su X, apri Impostazioni e privacy › Il tuo account › Scarica un archivio dei tuoi dati.</li>
        <li>Conferma la password (e il codice che ti manda X), poi scegli «Richiedi archivio».</li>
        <li>
          X lo prepara in background: di solito entro 24 ore, a volte qualche giorno per gli account grandi.
          Ricevi una notifica e un’email con un link per scaricarlo, valido per qualche giorno.
        </li>
        <li>Scarica lo zip. Non serve estrarlo: dai a Passerelle lo zip così com’è.</li>
      </ol>
      <p>
        Passerelle apre l’archivio nel tuo browser e invia solo l’ID del tuo account e gli elenchi degli ID
        degli account che segui e che ti seguono. I tuoi post, le foto e i messaggi diretti non lasciano mai
        il tuo dispositivo.
      </p>
      <h3>Mentre aspetti l’archivio</h3>
      <p>
        Non ti serve l’archivio per cominciare. Nella pagina di iscrizione, collega il tuo account Bluesky o
        Mastodon e accedi con X per dimostrare che l’account X è tuo: da quel momento, le persone che ti
        seguivano su X e usano Passerelle possono trovarti, se lo permetti. Passerelle ti ricorda di caricare
        l’archivio nelle tue prossime visite; quando arriva, caricalo per ritrovare tutte le persone che
        seguivi.
      </p>
      <p>
        Più tardi, su un altro dispositivo, accedi con l’account Bluesky o Mastodon che hai collegato: ritrovi
        il tuo account Passerelle così come l’avevi lasciato.
      </p>
      <h2>2. Scegli un server Mastodon</h2>
      <ul>
        <li>Mastodon è fatto di tanti server che si parlano: da qualunque server puoi seguire chiunque.</li>
        <li>
          Scegline uno con regole e lingua adatte a te, gestito da persone di cui ti fidi e con le iscrizioni
          aperte. Un grande server generalista (come mastodon.social) va benissimo per iniziare.
        </li>
        <li>Puoi trasferirti in seguito: Mastodon sposta i tuoi follower sul nuovo account.</li>
      </ul>
      <p>
        Bluesky funziona con una sola iscrizione su bsky.app; puoi anche usare il tuo dominio come nome
        utente.
      </p>
      <h2>3. Cosa succede al tuo account X</h2>
      <ul>
        <li>Passerelle non pubblica mai su X e non vi cancella nulla.</li>
        <li>
          Tieni aperto il tuo account X per un po’ con un messaggio che indica i tuoi nuovi indirizzi, così le
          persone possono seguirti; disattivalo solo quando te la senti (X lo elimina 30 giorni dopo la
          disattivazione).
        </li>
        <li>
          Un nome utente eliminato può essere preso da qualcun altro: c’è chi tiene l’account, protetto e
          vuoto.
        </li>
      </ul>
      <h2>4. Conserva il tuo archivio</h2>
      <p>
        Il tuo archivio è l’unica copia dei tuoi anni su X. Metti lo zip al sicuro (due copie sono meglio di
        una) prima di disattivare l’account.
      </p>
    </article>
  );
}
