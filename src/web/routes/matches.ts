// /api/matches, /api/reconnect, /api/consents, /api/progress: what the matches, progress and
// settings pages read and change — the directory's matches with their reason and status,
// dismiss/restore, "reconnect all", automatic mode, consents with their history, the Mastodon
// CSV, and the follow engine's progress.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { activationView } from '../../directory/activation.ts';
import { BlueskyListError, createBlueskyMatchList } from '../../directory/bluesky-list.ts';
import { ConsentInputError, consentHistory, getConsents, setConsents } from '../../directory/consent.ts';
import { mastodonFollowsCsv } from '../../directory/export.ts';
import { dismissMatch, MatchInputError, restoreMatch } from '../../directory/matching.ts';
import { BlueskyAdapter } from '../../platforms/bluesky/adapter.ts';
import { ReauthRequiredError } from '../../platforms/types.ts';
import type { AppEnv } from '../app-env.ts';
import type { RouteContext } from '../context.ts';
import {
  ActivationSchema,
  AutoModeInput,
  MatchesQuery,
  MatchesSchema,
  MatchSchema,
  ProgressSchema,
  ProtectedPeopleSchema,
  ReconnectInput,
} from '../contracts.ts';
import { apiError, CSRF_REJECTED, errorResponse, INVALID_REQUEST, UNAUTHENTICATED } from '../errors.ts';
import {
  bridgedOffers,
  bridgedSources,
  matchById,
  matchesPage,
  parseMatchId,
  progressFor,
  reconnectAll,
} from '../matches.ts';
import { requireSession } from '../middleware/session.ts';
import { protectedPeople } from '../protected.ts';

const ConsentAnswers = {
  autoFollow: z.boolean(),
  publicStats: z.boolean(),
  followBack: z.boolean(),
  carrySafety: z.boolean().openapi({ description: 'Carry my X blocks and mutes over (asked once)' }),
  blocksAsMutes: z.boolean().openapi({ description: 'Carry X blocks as mutes (private), not blocks' }),
};
const ConsentsSchema = z
  .object({
    discoverable: z
      .boolean()
      .nullable()
      .openapi({ description: 'null until the person answers; unanswered counts as no' }),
    ...ConsentAnswers,
  })
  .openapi('Consents');
/** Each change is an answer, true or false; nothing is set back to unanswered. */
const ConsentsInput = z
  .object({ discoverable: z.boolean(), ...ConsentAnswers })
  .partial()
  .strict()
  .openapi('ConsentsInput');
const ConsentsAnswer = z
  .object({
    consents: ConsentsSchema,
    history: z.array(
      z.object({
        consent: z.string(),
        value: z.boolean(),
        changedAt: z.string().openapi({ format: 'date-time' }),
        givenBy: z.enum(['user', 'operator']),
      }),
    ),
  })
  .openapi('ConsentsWithHistory');
const NOT_A_MATCH = errorResponse('No such match of mine, or it cannot change any more.');
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export function matchRoutes(ctx: RouteContext) {
  const app = new OpenAPIHono<AppEnv>();
  const userOf = (c: Context<AppEnv>) => c.get('session')?.userId as number;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/matches',
      tags: ['matches'],
      summary: 'My matches: who I knew on X and where they are now, with reason and status',
      middleware: [requireSession()] as const,
      request: { query: MatchesQuery },
      responses: {
        200: json(MatchesSchema, 'Summary and one page of matches'),
        400: INVALID_REQUEST,
        401: UNAUTHENTICATED,
      },
    }),
    async (c) => {
      try {
        const page = await matchesPage(
          ctx.database,
          userOf(c),
          c.req.valid('query'),
          ctx.bridge,
          ctx.profiles,
        );
        return c.json(page, 200);
      } catch (err) {
        if (err instanceof MatchInputError) return apiError(c, 400, 'INVALID_CURSOR', err.message);
        throw err;
      }
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/matches/protected',
      tags: ['matches'],
      summary: 'Who, of the people I blocked or muted on X, is on my networks (only when I ask)',
      middleware: [requireSession()] as const,
      responses: { 200: json(ProtectedPeopleSchema, 'People'), 401: UNAUTHENTICATED },
    }),
    async (c) => c.json({ people: await protectedPeople(ctx.database, userOf(c)) }, 200),
  );

  for (const action of ['dismiss', 'restore'] as const) {
    app.openapi(
      createRoute({
        method: 'post',
        path: `/matches/{id}/${action}`,
        tags: ['matches'],
        summary: action === 'dismiss' ? 'Never follow this account' : 'Take back a dismissal',
        middleware: [requireSession()] as const,
        request: { params: z.object({ id: z.string().min(3).max(300) }) },
        responses: {
          200: json(MatchSchema, 'The match as it is now'),
          401: UNAUTHENTICATED,
          403: CSRF_REJECTED,
          404: NOT_A_MATCH,
          409: NOT_A_MATCH,
        },
      }),
      async (c) => {
        const id = c.req.valid('param').id;
        try {
          const { platform, target } = parseMatchId(id);
          await (action === 'dismiss' ? dismissMatch : restoreMatch)(
            ctx.database,
            userOf(c),
            platform,
            target,
            bridgedSources(ctx.bridge, userOf(c)),
          );
        } catch (err) {
          if (!(err instanceof MatchInputError)) throw err;
          const missing = /not a match|not among your matches/i.test(err.message);
          return apiError(c, missing ? 404 : 409, missing ? 'NOT_A_MATCH' : 'MATCH_LOCKED', err.message);
        }
        const match = await matchById(ctx.database, userOf(c), id, ctx.bridge, ctx.profiles);
        if (!match) return apiError(c, 404, 'NOT_A_MATCH', 'This match is gone.');
        return c.json(match, 200);
      },
    );
  }

  app.openapi(
    createRoute({
      method: 'post',
      path: '/reconnect',
      tags: ['matches'],
      summary: 'Reconnect all: follow every suggested match (from activation day if it has not come)',
      middleware: [requireSession()] as const,
      request: { body: { content: { 'application/json': { schema: ReconnectInput } }, required: false } },
      responses: {
        200: json(z.object({ queued: z.number().int() }), 'How many follows were queued'),
        401: UNAUTHENTICATED,
        403: CSRF_REJECTED,
      },
    }),
    async (c) => {
      const input = (c.req.header('content-type') ? c.req.valid('json') : {}) as z.infer<
        typeof ReconnectInput
      >;
      return c.json({ queued: await reconnectAll(ctx.database, userOf(c), input?.network, ctx.bridge) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/reconnect/auto',
      tags: ['matches'],
      summary: 'Automatic mode: follow my contacts as they arrive',
      middleware: [requireSession()] as const,
      request: { body: { content: { 'application/json': { schema: AutoModeInput } } } },
      responses: {
        200: json(z.object({ enabled: z.boolean() }), 'The mode now'),
        400: INVALID_REQUEST,
        401: UNAUTHENTICATED,
        403: CSRF_REJECTED,
      },
    }),
    async (c) => {
      const after = await setConsents(ctx.database, userOf(c), { autoFollow: c.req.valid('json').enabled });
      return c.json({ enabled: after.autoFollow }, 200);
    },
  );

  const consentsAnswer = async (userId: number) => ({
    consents: await getConsents(ctx.database, userId),
    history: (await consentHistory(ctx.database, userId)).map((h) => ({
      consent: h.consent,
      value: h.value,
      changedAt: new Date(h.changedAt).toISOString(),
      givenBy: h.givenBy,
    })),
  });
  app.openapi(
    createRoute({
      method: 'get',
      path: '/consents',
      tags: ['consents'],
      summary: 'My consents and their history',
      middleware: [requireSession()] as const,
      responses: { 200: json(ConsentsAnswer, 'Consents'), 401: UNAUTHENTICATED },
    }),
    async (c) => c.json(await consentsAnswer(userOf(c)), 200),
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/consents',
      tags: ['consents'],
      summary: 'Change some consents (each change is kept in the history)',
      middleware: [requireSession()] as const,
      request: { body: { content: { 'application/json': { schema: ConsentsInput } } } },
      responses: {
        200: json(ConsentsAnswer, 'Consents now'),
        400: INVALID_REQUEST,
        401: UNAUTHENTICATED,
        403: CSRF_REJECTED,
      },
    }),
    async (c) => {
      try {
        await setConsents(ctx.database, userOf(c), c.req.valid('json'));
      } catch (err) {
        if (err instanceof ConsentInputError) return apiError(c, 400, err.code, err.message);
        throw err;
      }
      return c.json(await consentsAnswer(userOf(c)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/matches/bluesky-list',
      tags: ['matches'],
      summary: 'Make a Bluesky list of my matches on my own Bluesky account',
      middleware: [requireSession()] as const,
      responses: {
        201: json(z.object({ uri: z.string(), members: z.number().int() }), 'The list made'),
        401: UNAUTHENTICATED,
        403: CSRF_REJECTED,
        409: errorResponse('Bluesky is not linked, needs signing in again, or has no match yet'),
        503: errorResponse('Linking networks is not configured on this server'),
      },
    }),
    async (c) => {
      if (!ctx.links)
        return apiError(c, 503, 'LINKS_NOT_CONFIGURED', 'Linking networks is not configured here.');
      try {
        // The deployment's network policy (the same for every platform).
        const adapter = new BlueskyAdapter({
          oauthClient: ctx.links.bluesky,
          policy: ctx.links.mastodon?.policy,
        });
        return c.json(await createBlueskyMatchList(ctx.database, ctx.links.vault, adapter, userOf(c)), 201);
      } catch (err) {
        if (err instanceof BlueskyListError) return apiError(c, 409, err.code, err.message);
        if (err instanceof ReauthRequiredError) {
          return apiError(c, 409, 'NEEDS_REAUTH', 'Sign in to Bluesky again, then retry.');
        }
        throw err;
      }
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/matches/mastodon.csv',
      tags: ['matches'],
      summary: "My Mastodon matches in the format of Mastodon's follows importer",
      middleware: [requireSession()] as const,
      responses: {
        200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
        401: UNAUTHENTICATED,
      },
    }),
    async (c) => {
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', 'attachment; filename="passerelle-mastodon-follows.csv"');
      c.header('Cache-Control', 'no-store');
      const bridged = await bridgedOffers(ctx.database, userOf(c), ctx.bridge);
      return c.body(await mastodonFollowsCsv(ctx.database, userOf(c), bridged), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/progress',
      tags: ['progress'],
      summary: 'Follows made, queued and waiting per network, and when they should be done',
      middleware: [requireSession()] as const,
      responses: { 200: json(ProgressSchema, 'Progress (poll it)'), 401: UNAUTHENTICATED },
    }),
    async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await progressFor(ctx.database, userOf(c)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/activation',
      tags: ['progress'],
      summary: 'The switch-on: when automatic follows start, and how many of mine (with a session)',
      responses: {
        200: json(z.object({ activation: ActivationSchema.nullable() }), 'Null when none is set'),
      },
    }),
    async (c) => {
      // Personal when a session is present: never cached by anyone in between.
      c.header('Cache-Control', 'private, no-store');
      const userId = c.get('session')?.userId ?? null;
      return c.json({ activation: await activationView(ctx.database, userId) }, 200);
    },
  );
  return app;
}
