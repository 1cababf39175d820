// /api/email: the address Passerelle's emails (weekly news, archive reminder) go to. Giving or
// changing it sends a confirmation link (double opt-in, rate-limited); the address is used only
// once confirmed and shown only to its owner. Confirming and unsubscribing work without signing
// in (the token is the proof), from Passerelle's own pages only: the CSRF token and the origin
// check refuse a form another site would post, and GET never changes anything.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { sendConfirmationMail } from '../../directory/confirmation-mail.ts';
import {
  confirmAddress,
  DigestInputError,
  dropConfirmation,
  emailSettings,
  hashToken,
  MAX_EMAIL_LENGTH,
  removeAddress,
  requestConfirmation,
  setDigestEnabled,
  unsubscribeDigest,
} from '../../directory/digest-address.ts';
import type { AppEnv } from '../app-env.ts';
import type { RouteContext } from '../context.ts';
import {
  apiError,
  CSRF_REJECTED,
  errorResponse,
  INVALID_REQUEST,
  RATE_LIMITED,
  UNAUTHENTICATED,
} from '../errors.ts';
import { requireSession, sessionUserId } from '../middleware/session.ts';
import { hit, rateLimit } from '../rate-limit.ts';

const EmailSchema = z
  .object({
    available: z.boolean().openapi({ description: 'Whether this server sends emails at all' }),
    email: z.string().nullable().openapi({ description: 'The confirmed address emails go to' }),
    digest: z.boolean().openapi({ description: 'Whether emails go to it (off after an unsubscribe)' }),
    pending: z
      .object({ email: z.string(), expiresAt: z.string().openapi({ format: 'date-time' }) })
      .nullable()
      .openapi({ description: 'An address waiting for its owner to open the emailed link' }),
  })
  .openapi('EmailSettings');

const TokenBody = z.object({ token: z.string().min(1).max(200) }).strict();
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } } } });
const Done = z.object({ ok: z.literal(true) });
const TOKEN_REFUSED = errorResponse('EMAIL_TOKEN_INVALID, or EMAIL_TOKEN_EXPIRED (410)');

export function emailRoutes(ctx: RouteContext) {
  const app = new OpenAPIHono<AppEnv>();
  const view = async (userId: number) => ({
    available: Boolean(ctx.mail),
    ...(await emailSettings(ctx.database, userId)),
  });
  const limits = ctx.config.emailLimits;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/email',
      tags: ['email'],
      summary: 'My email address settings (confirmed address, waiting address, emails on or off)',
      middleware: [requireSession()] as const,
      responses: { 200: json(EmailSchema, 'Settings'), 401: UNAUTHENTICATED },
    }),
    async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await view(sessionUserId(c)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/email',
      tags: ['email'],
      summary: 'Give or change my address: a confirmation link is emailed to it',
      middleware: [
        requireSession(),
        rateLimit(ctx, 'email-confirm', { perIp: limits.perIp, perUser: limits.perUser }),
      ] as const,
      request: body(
        z
          .object({
            email: z.string().trim().min(3).max(MAX_EMAIL_LENGTH),
            lang: z.string().max(8).optional().openapi({ description: 'Language of the confirmation email' }),
          })
          .strict(),
      ),
      responses: {
        202: json(EmailSchema, 'Link sent; the address waits for confirmation'),
        400: errorResponse('INVALID_EMAIL or INVALID_REQUEST'),
        401: UNAUTHENTICATED,
        403: CSRF_REJECTED,
        429: RATE_LIMITED,
        502: errorResponse('EMAIL_SEND_FAILED: the mail server refused; nothing was kept'),
        503: errorResponse('EMAIL_UNAVAILABLE: this server sends no email'),
      },
    }),
    async (c) => {
      const userId = sessionUserId(c);
      const { email, lang } = c.req.valid('json');
      if (!ctx.mail) return apiError(c, 503, 'EMAIL_UNAVAILABLE', 'This server sends no email.');
      // One address receives few links, whoever asks: nobody can flood someone else's inbox.
      const address = await hit(
        ctx.database,
        `email-confirm:address:${hashToken(email.toLowerCase())}`,
        limits.perAddress,
      );
      if (!address.allowed) {
        c.header('Retry-After', String(address.retryAfterSeconds));
        return apiError(c, 429, 'RATE_LIMITED', 'Too many links sent to this address.', {
          retryAfterSeconds: address.retryAfterSeconds,
        });
      }
      let token: string;
      try {
        token = await requestConfirmation(ctx.database, userId, email);
      } catch (err) {
        if (err instanceof DigestInputError)
          return apiError(c, 400, 'INVALID_EMAIL', 'This is not an email address.');
        throw err;
      }
      try {
        await sendConfirmationMail(ctx.mail, email, token, lang ?? 'en');
      } catch {
        await dropConfirmation(ctx.database, userId, token);
        return apiError(
          c,
          502,
          'EMAIL_SEND_FAILED',
          'The confirmation email could not be sent; nothing was kept.',
        );
      }
      return c.json(await view(userId), 202);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/email',
      tags: ['email'],
      summary: 'Forget my address (confirmed or waiting): no email any more',
      middleware: [requireSession()] as const,
      responses: { 200: json(EmailSchema, 'Settings now'), 401: UNAUTHENTICATED, 403: CSRF_REJECTED },
    }),
    async (c) => {
      await removeAddress(ctx.database, sessionUserId(c));
      return c.json(await view(sessionUserId(c)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/email/digest',
      tags: ['email'],
      summary: 'Turn the emails to my confirmed address on or off',
      middleware: [requireSession()] as const,
      request: body(z.object({ enabled: z.boolean() }).strict()),
      responses: {
        200: json(EmailSchema, 'Settings now'),
        400: INVALID_REQUEST,
        401: UNAUTHENTICATED,
        403: CSRF_REJECTED,
        409: errorResponse('NO_EMAIL: no confirmed address yet'),
      },
    }),
    async (c) => {
      const userId = sessionUserId(c);
      if (!(await setDigestEnabled(ctx.database, userId, c.req.valid('json').enabled)))
        return apiError(c, 409, 'NO_EMAIL', 'Give and confirm an address first.');
      return c.json(await view(userId), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/email/confirm',
      tags: ['email'],
      summary: 'Confirm an address with the token of its emailed link (no session needed; single use)',
      request: body(TokenBody),
      responses: {
        200: json(Done, 'Confirmed: emails go to this address from now on'),
        400: TOKEN_REFUSED,
        403: CSRF_REJECTED,
        410: TOKEN_REFUSED,
      },
    }),
    async (c) => {
      const secret = ctx.mail?.config.secret;
      if (!secret) return apiError(c, 400, 'EMAIL_TOKEN_INVALID', 'This link is not valid.');
      const result = await confirmAddress(ctx.database, c.req.valid('json').token, secret);
      if (result === 'expired')
        return apiError(
          c,
          410,
          'EMAIL_TOKEN_EXPIRED',
          'This link has expired: give the address again in settings.',
        );
      if (result === 'invalid')
        return apiError(c, 400, 'EMAIL_TOKEN_INVALID', 'This link is not valid (any more).');
      return c.json({ ok: true as const }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/email/unsubscribe',
      tags: ['email'],
      summary: 'Stop the emails with the token of a digest’s unsubscribe link (no session needed)',
      request: body(TokenBody),
      responses: { 200: json(Done, 'No more emails'), 400: TOKEN_REFUSED, 403: CSRF_REJECTED },
    }),
    async (c) => {
      if (!(await unsubscribeDigest(ctx.database, c.req.valid('json').token)))
        return apiError(c, 400, 'EMAIL_TOKEN_INVALID', 'This unsubscribe link is not valid (any more).');
      return c.json({ ok: true as const }, 200);
    },
  );
  return app;
}
