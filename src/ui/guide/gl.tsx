// Migration guide, Galician.
export function GuideGl() {
  return (
    <article>
      <h1>Deixar X: a guía</h1>
      <h2>1. Descarga o teu arquivo de X</h2>
      <ol>
        <li>En X, abre Configuración e privacidade › A túa conta › Descargar un arquivo cos teus datos.</li>
        <li>Confirma o teu contrasinal (e o código que che envía X) e escolle «Solicitar arquivo».</li>
        <li>
          X prepárao en segundo plano: normalmente en menos de 24 horas, ás veces uns días se a conta é
          grande. Recibirás unha notificación e un correo cunha ligazón de descarga válida durante uns días.
        </li>
        <li>Descarga o zip. Non fai falta descomprimilo: dálle o zip tal cal a Passerelle.</li>
      </ol>
      <p>
        Passerelle abre o arquivo no teu navegador e só envía o ID da túa conta e as listas de ID das contas
        que segues e que te seguen. As túas publicacións, fotos e mensaxes directas nunca saen do teu
        dispositivo.
      </p>
      <h3>Mentres agardas o arquivo</h3>
      <p>
        Non necesitas o arquivo para comezar. Na páxina de rexistro, vincula a túa conta de Bluesky ou
        Mastodon e inicia sesión con X para demostrar que a conta de X é túa: a partir de aí, as persoas que
        te seguían en X e usan Passerelle poden atoparte, se ti o permites. Passerelle lémbrache que subas o
        arquivo nas túas próximas visitas; cando chegue, súbeo para atopar todas as persoas que seguías.
      </p>
      <p>
        Máis adiante, noutro dispositivo, inicia sesión coa conta de Bluesky ou Mastodon que vinculaches:
        atoparás a túa conta de Passerelle tal como a deixaches.
      </p>
      <h2>2. Escolle un servidor de Mastodon</h2>
      <ul>
        <li>
          Mastodon son moitos servidores que falan entre si: desde calquera deles podes seguir a quen queiras.
        </li>
        <li>
          Escolle un con normas e idioma que che acaian, xestionado por xente de confianza e co rexistro
          aberto. Un servidor grande e xeralista (como mastodon.social) é un bo comezo.
        </li>
        <li>Podes mudarte máis adiante: Mastodon leva as túas seguidoras á túa nova conta.</li>
      </ul>
      <p>
        Bluesky funciona cun único rexistro en bsky.app; tamén podes usar o teu propio dominio como
        identificador.
      </p>
      <h2>3. Que pasa coa túa conta de X</h2>
      <ul>
        <li>Passerelle nunca publica en X nin borra nada alí.</li>
        <li>
          Mantén a túa conta de X aberta un tempo cunha mensaxe que indique os teus novos enderezos, para que
          a xente poida seguirte; desactívaa só cando che pareza o momento (X bórraa 30 días despois da
          desactivación).
        </li>
        <li>
          Outra persoa pode quedar cun nome de usuario borrado: hai quen conserva a conta, protexida e
          baleira.
        </li>
      </ul>
      <h2>4. Garda o teu arquivo</h2>
      <p>
        O teu arquivo é a única copia dos teus anos en X. Garda o zip nun lugar seguro (mellor dúas copias ca
        unha) antes de desactivar a túa conta.
      </p>
    </article>
  );
}
