// Flyttguide, svenska.
export function GuideSv() {
  return (
    <article>
      <h1>Lämna X: guiden</h1>
      <h2>1. Ladda ned ditt X-arkiv</h2>
      <ol>
        <li>På X, öppna Inställningar och integritet › Ditt konto › Ladda ned ett arkiv med dina data.</li>
        <li>Bekräfta ditt lösenord (och koden X skickar dig) och välj sedan ”Begär arkiv”.</li>
        <li>
          X tar fram det i bakgrunden: oftast inom 24 timmar, ibland några dagar för stora konton. Du får en
          avisering och ett mejl med en nedladdningslänk som gäller i några dagar.
        </li>
        <li>Ladda ned zip-filen. Du behöver inte packa upp den: ge själva zip-filen till Passerelle.</li>
      </ol>
      <p>
        Passerelle öppnar arkivet i din webbläsare och skickar bara ditt konto-id och listorna med id:n för de
        konton du följer och som följer dig. Dina inlägg, bilder och direktmeddelanden lämnar aldrig din
        enhet.
      </p>
      <h3>Medan du väntar på det</h3>
      <p>
        Du behöver inte arkivet för att börja. Koppla ditt Bluesky- eller Mastodon-konto på sidan Kom igång
        och logga in med X för att bevisa att X-kontot är ditt: från och med då kan de som följde dig på X och
        använder Passerelle hitta dig, om du tillåter det. Passerelle påminner dig om att ladda upp arkivet
        nästa gång du kommer tillbaka; när det kommer, ladda upp det för att hitta alla du följde.
      </p>
      <p>
        Senare, på en annan enhet, loggar du in med Bluesky- eller Mastodon-kontot du kopplade: där hittar du
        ditt Passerelle-konto precis som du lämnade det.
      </p>
      <h2>2. Välj en Mastodon-server</h2>
      <ul>
        <li>
          Mastodon är många servrar som pratar med varandra: du kan följa vem som helst från vilken server som
          helst.
        </li>
        <li>
          Välj en vars regler och språk passar dig, som drivs av folk du litar på och har öppen registrering.
          En stor allmän server (som mastodon.social) är en bra början.
        </li>
        <li>Du kan flytta senare: Mastodon flyttar dina följare till ditt nya konto.</li>
      </ul>
      <p>
        Bluesky fungerar med en enda registrering på bsky.app; du kan också använda din egen domän som
        användarnamn.
      </p>
      <h2>3. Vad som händer med ditt X-konto</h2>
      <ul>
        <li>Passerelle publicerar aldrig något på X och raderar aldrig något där.</li>
        <li>
          Behåll ditt X-konto öppet ett tag med ett meddelande som pekar till dina nya adresser, så att folk
          kan följa dig; inaktivera det först när du är redo (X raderar det 30 dagar efter inaktiveringen).
        </li>
        <li>Ett raderat användarnamn kan tas av någon annan: en del behåller kontot, låst och tomt.</li>
      </ul>
      <h2>4. Spara ditt arkiv</h2>
      <p>
        Ditt arkiv är den enda kopian av dina år på X. Spara zip-filen på ett säkert ställe (två kopior är
        bättre än en) innan du inaktiverar ditt konto.
      </p>
    </article>
  );
}
