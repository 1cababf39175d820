// Migration guide, Spanish.
export function GuideEs() {
  return (
    <article>
      <h1>Dejar X: la guía</h1>
      <h2>1. Descarga tu archivo de X</h2>
      <ol>
        <li>En X, abre Configuración y privacidad › Tu cuenta › Descargar un archivo de tus datos.</li>
        <li>Confirma tu contraseña (y el código que te envía X) y elige «Solicitar archivo».</li>
        <li>
          X lo prepara en segundo plano: normalmente en menos de 24 horas, a veces unos días si la cuenta es
          grande. Recibirás una notificación y un correo con un enlace de descarga válido durante unos días.
        </li>
        <li>Descarga el zip. No hace falta descomprimirlo: dale el zip tal cual a Passerelle.</li>
      </ol>
      <p>
        Passerelle abre el archivo en tu navegador y solo envía el ID de tu cuenta y las listas de ID de las
        cuentas que sigues y que te siguen. Tus publicaciones, fotos y mensajes directos nunca salen de tu
        dispositivo.
      </p>
      <h3>Mientras esperas el archivo</h3>
      <p>
        No necesitas el archivo para empezar. En la página de registro, vincula tu cuenta de Bluesky o
        Mastodon e inicia sesión con X para demostrar que la cuenta de X es tuya: a partir de ahí, las
        personas que te seguían en X y usan Passerelle pueden encontrarte, si tú lo permites. Passerelle te
        recuerda que subas el archivo en tus próximas visitas; cuando llegue, súbelo para encontrar a todas
        las personas que seguías.
      </p>
      <p>
        Más adelante, en otro dispositivo, inicia sesión con la cuenta de Bluesky o Mastodon que vinculaste:
        encontrarás tu cuenta de Passerelle tal como la dejaste.
      </p>
      <h2>2. Elige un servidor de Mastodon</h2>
      <ul>
        <li>
          Mastodon son muchos servidores que se hablan entre sí: desde cualquiera puedes seguir a quien
          quieras.
        </li>
        <li>
          Elige uno cuyas normas e idioma te encajen, gestionado por gente de confianza y con el registro
          abierto. Un servidor grande y generalista (como mastodon.social) es un buen comienzo.
        </li>
        <li>Puedes mudarte más adelante: Mastodon lleva a tus seguidores a tu nueva cuenta.</li>
      </ul>
      <p>
        Bluesky funciona con un único registro en bsky.app; también puedes usar tu propio dominio como
        identificador.
      </p>
      <h2>3. Qué pasa con tu cuenta de X</h2>
      <ul>
        <li>Passerelle nunca publica en X ni borra nada allí.</li>
        <li>
          Mantén tu cuenta de X abierta un tiempo con un mensaje que indique tus nuevas direcciones, para que
          la gente pueda seguirte; desactívala solo cuando te parezca el momento (X la borra 30 días después
          de la desactivación).
        </li>
        <li>
          Otra persona puede quedarse un nombre de usuario borrado: hay quien conserva la cuenta, protegida y
          vacía.
        </li>
      </ul>
      <h2>4. Guarda tu archivo</h2>
      <p>
        Tu archivo es la única copia de tus años en X. Guarda el zip en un lugar seguro (mejor dos copias que
        una) antes de desactivar tu cuenta.
      </p>
    </article>
  );
}
