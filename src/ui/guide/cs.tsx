// Průvodce stěhováním, česky.
export function GuideCs() {
  return (
    <article>
      <h1>Odchod z X: průvodce</h1>
      <h2>1. Stáhněte si archiv z X</h2>
      <ol>
        <li>Na X otevřete Nastavení a soukromí › Váš účet › Stáhnout archiv vašich dat.</li>
        <li>Potvrďte heslo (a kód, který vám X pošle) a zvolte „Vyžádat archiv“.</li>
        <li>
          X ho připraví na pozadí: obvykle do 24 hodin, u velkých účtů někdy i pár dní. Dostanete upozornění a
          e-mail s odkazem ke stažení, který platí několik dní.
        </li>
        <li>Stáhněte zip. Nemusíte ho rozbalovat: dejte Passerelle rovnou ten zip.</li>
      </ol>
      <p>
        Passerelle otevře archiv ve vašem prohlížeči a odešle jen ID vašeho účtu a seznamy ID účtů, které
        sledujete a které sledují vás. Vaše příspěvky, fotky a soukromé zprávy nikdy neopustí vaše zařízení.
      </p>
      <h3>Než archiv dorazí</h3>
      <p>
        Abyste mohli začít, archiv nepotřebujete. Na stránce registrace propojte svůj účet na Bluesky nebo
        Mastodonu a přihlaste se přes X, čímž prokážete, že účet na X je váš: od té chvíle vás lidé, kteří vás
        sledovali na X a používají Passerelle, mohou najít, pokud jim to dovolíte. Passerelle vám při dalších
        návštěvách připomene, abyste archiv nahráli; až dorazí, nahrajte ho, abyste našli všechny, které jste
        sledovali.
      </p>
      <p>
        Později se na jiném zařízení přihlaste účtem na Bluesky nebo Mastodonu, který jste propojili: svůj
        účet Passerelle najdete tak, jak jste ho opustili.
      </p>
      <h2>2. Vyberte si server Mastodonu</h2>
      <ul>
        <li>Mastodon je spousta serverů, které spolu mluví: z kteréhokoli můžete sledovat kohokoli.</li>
        <li>
          Vyberte si takový, jehož pravidla a jazyk vám sedí, který provozují lidé, jimž věříte, a který má
          otevřenou registraci. Velký obecný server (třeba mastodon.social) je dobrý začátek.
        </li>
        <li>Později se můžete přestěhovat: Mastodon převede vaše sledující na nový účet.</li>
      </ul>
      <p>
        Na Bluesky stačí jedna registrace na bsky.app; jako uživatelské jméno můžete použít i vlastní doménu.
      </p>
      <h2>3. Co se stane s vaším účtem na X</h2>
      <ul>
        <li>Passerelle na X nikdy nic nezveřejní a nikdy tam nic nesmaže.</li>
        <li>
          Nechte účet na X ještě chvíli otevřený se zprávou, kde najdou vaše nové adresy, aby vás lidé mohli
          sledovat; deaktivujte ho, až budete připraveni (X ho smaže 30 dní po deaktivaci).
        </li>
        <li>
          Smazané uživatelské jméno si může vzít někdo jiný: někdo si proto účet nechá, zamčený a prázdný.
        </li>
      </ul>
      <h2>4. Archiv si schovejte</h2>
      <p>
        Archiv je jediná kopie vašich let na X. Než účet deaktivujete, uložte zip na bezpečné místo (dvě kopie
        jsou lepší než jedna).
      </p>
    </article>
  );
}
