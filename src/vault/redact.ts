// Tokens never reach logs in clear: pino redacts the fields that carry them, and free text
// (error messages that quote a response) goes through redactSecrets.
import pino, { type Logger } from 'pino';

export const REDACTED_PATHS = [
  'password',
  'appPassword',
  'accessJwt',
  'refreshJwt',
  'access_token',
  'refresh_token',
  'client_secret',
  'code_verifier',
  'credentials',
  'authorization',
  'headers.authorization',
  '*.password',
  '*.appPassword',
  '*.accessJwt',
  '*.refreshJwt',
  '*.access_token',
  '*.refresh_token',
  '*.client_secret',
  '*.code_verifier',
  '*.credentials',
  '*.authorization',
  '*.headers.authorization',
];

const SECRET_PATTERNS: RegExp[] = [
  /\bBearer\s+[A-Za-z0-9._~+/=-]+/gi,
  /\bDPoP\s+[A-Za-z0-9._~+/=-]+/gi,
  // JWTs (three base64url segments).
  /\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g,
  // Bluesky app passwords.
  /\b[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}\b/g,
  /((?:access_token|refresh_token|client_secret|code|code_verifier|password)=)[^&\s"]+/gi,
  /("(?:access_token|refresh_token|accessJwt|refreshJwt|client_secret|password|appPassword)"\s*:\s*")[^"]*/g,
];

export function redactSecrets(text: string): string {
  let out = text;
  for (const pattern of SECRET_PATTERNS) {
    out = out.replace(pattern, (match, prefix?: unknown) =>
      typeof prefix === 'string' && match.startsWith(prefix) ? `${prefix}[redacted]` : '[redacted]',
    );
  }
  return out;
}

/** An error as logs may show it: its name, and its message and stack with secrets redacted. */
export function redactedError(err: Error): { type: string; message: string; stack?: string } {
  const out = { type: err.name, message: redactSecrets(err.message) };
  return err.stack ? { ...out, stack: redactSecrets(err.stack) } : out;
}

export function createLogger(
  options: { level?: string; name?: string } = {},
  destination?: pino.DestinationStream,
): Logger {
  return pino(
    {
      name: options.name ?? 'passerelle',
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      formatters: {
        log: (obj) => {
          const err = obj.err;
          if (err instanceof Error) return { ...obj, err: redactedError(err) };
          return obj;
        },
      },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? redactSecrets(a) : a)) as never);
        },
      },
    },
    destination ?? pino.destination(2),
  );
}
