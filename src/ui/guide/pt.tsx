// Guia de mudança, português.
export function GuidePt() {
  return (
    <article>
      <h1>Sair do X: o guia</h1>
      <h2>1. Descarregar o seu arquivo do X</h2>
      <ol>
        <li>No X, abra Configurações e privacidade › Sua conta › Baixar um arquivo dos seus dados.</li>
        <li>Confirme a sua palavra-passe (e o código que o X lhe envia) e escolha “Solicitar arquivo”.</li>
        <li>
          O X prepara-o em segundo plano: normalmente em menos de 24 horas, às vezes alguns dias nas contas
          grandes. Recebe uma notificação e um e-mail com um link de transferência, válido durante alguns
          dias.
        </li>
        <li>Descarregue o zip. Não precisa de o extrair: dê o próprio zip ao Passerelle.</li>
      </ol>
      <p>
        O Passerelle abre o arquivo no seu navegador e envia apenas o ID da sua conta e as listas de IDs das
        contas que segue e que seguem a sua conta. As suas publicações, fotografias e mensagens diretas nunca
        saem do seu dispositivo.
      </p>
      <h3>Enquanto espera por ele</h3>
      <p>
        Não precisa do arquivo para começar. Na página de registo, ligue a sua conta do Bluesky ou do Mastodon
        e inicie sessão com o X para comprovar que a conta do X é sua: a partir daí, as pessoas que seguiam a
        sua conta no X e usam o Passerelle podem encontrá-la, se o permitir. O Passerelle lembra-lhe de
        carregar o arquivo nas próximas visitas; quando chegar, carregue-o para encontrar todas as pessoas que
        seguia.
      </p>
      <p>
        Mais tarde, noutro dispositivo, inicie sessão com a conta do Bluesky ou do Mastodon que ligou:
        encontra a sua conta Passerelle tal como a deixou.
      </p>
      <h2>2. Escolher um servidor Mastodon</h2>
      <ul>
        <li>
          O Mastodon são muitos servidores que comunicam entre si: pode seguir qualquer pessoa a partir de
          qualquer servidor.
        </li>
        <li>
          Escolha um cujas regras e idioma lhe convenham, gerido por pessoas em quem confia, com registos
          abertos. Um servidor grande e generalista (como o mastodon.social) é um bom começo.
        </li>
        <li>Pode mudar mais tarde: o Mastodon leva os seus seguidores para a nova conta.</li>
      </ul>
      <p>
        O Bluesky funciona com um único registo em bsky.app; também pode usar o seu próprio domínio como
        identificador.
      </p>
      <h2>3. O que acontece à sua conta do X</h2>
      <ul>
        <li>O Passerelle nunca publica no X e nunca apaga nada lá.</li>
        <li>
          Mantenha a sua conta do X aberta durante algum tempo, com uma mensagem a indicar os seus novos
          endereços, para que as pessoas encontrem as suas novas contas; desative-a só quando for a altura
          certa para si (o X apaga-a 30 dias depois da desativação).
        </li>
        <li>
          Um nome de utilizador apagado pode ser ocupado por outra pessoa: há quem mantenha a conta, protegida
          e vazia.
        </li>
      </ul>
      <h2>4. Guardar o seu arquivo</h2>
      <p>
        O seu arquivo é a única cópia dos seus anos no X. Guarde o zip num sítio seguro (duas cópias são
        melhores do que uma) antes de desativar a sua conta.
      </p>
    </article>
  );
}
