// The HTTP application: /healthz, the JSON API under /api (one sub-app per capability, each
// taking the explicit route context), its OpenAPI document, and the built SPA.
import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { communityRoutes } from '../communities/routes.ts';
import { writeHealth } from '../db/health.ts';
import { unsubscribeRoutes } from '../directory/unsubscribe-routes.ts';
import { httpMetrics, metricsRoutes } from '../metrics/routes.ts';
import { publicPageFor } from '../share/public-page.ts';
import { redactedError } from '../vault/redact.ts';
import type { AppEnv } from './app-env.ts';
import { type RouteContext, routeContext, type WebContext } from './context.ts';
import { apiError, databaseOutageResponse, errorBody } from './errors.ts';
import { limitBodies, MAX_BODY_BYTES } from './middleware/body-limit.ts';
import { csrfProtection } from './middleware/csrf.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { loadSession } from './middleware/session.ts';
import { accountRoutes } from './routes/account.ts';
import { archiveRoutes } from './routes/archive.ts';
import { archivePartRoutes, PART_PATH } from './routes/archive-parts.ts';
import { emailRoutes } from './routes/email.ts';
import { identityRoutes } from './routes/identity.ts';
import { linkRoutes } from './routes/links.ts';
import { matchRoutes } from './routes/matches.ts';
import { networkSignInRoutes } from './routes/network-signin.ts';
import { oauthBrowserRoutes } from './routes/oauth.ts';
import { pledgeRoutes } from './routes/pledges.ts';
import { sessionRoutes } from './routes/session.ts';
import { shareRoutes } from './routes/share.ts';
import { statsRoutes } from './routes/stats.ts';
import { type PageStatus, serveSpa } from './static.ts';
import { describeIssues } from './upload/schema.ts';

export type { WebContext } from './context.ts';

/**
 * API modules mounted under /api. The follow engine (links.ts: Bluesky/Mastodon linking, OAuth
 * starts) and the directory (matches.ts, Sign in with X, consents) add theirs here; their
 * OAuth callbacks attach accounts to the session user with ensureSessionUser / startSessionFor
 * from ./middleware/session.ts.
 */
export const API_MODULES: ReadonlyArray<(ctx: RouteContext) => OpenAPIHono<AppEnv>> = [
  sessionRoutes,
  archiveRoutes,
  archivePartRoutes,
  statsRoutes,
  accountRoutes,
  pledgeRoutes,
  linkRoutes,
  matchRoutes,
  communityRoutes,
  shareRoutes,
  networkSignInRoutes,
  emailRoutes,
];

export function createApi(ctx: RouteContext): OpenAPIHono<AppEnv> {
  const api = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success)
        return c.json(errorBody('INVALID_REQUEST', describeIssues(result.error.issues)), 400);
    },
  });
  api.use('*', loadSession(ctx));
  api.use('*', csrfProtection(ctx));
  for (const module of API_MODULES) api.route('/', module(ctx));
  api.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: ctx.config.cookieSecure ? '__Host-passerelle_session' : 'passerelle_session',
  });
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Passerelle API',
      version: '1',
      description:
        'JSON API of Passerelle. Sessions are cookies; every POST/PUT/DELETE needs the X-CSRF-Token ' +
        'header (the csrfToken of GET /api/session). Errors are {"error":{"code","message","params"}}.',
    },
    security: [{ session: [] }],
  });
  api.all('*', (c) => apiError(c, 404, 'NOT_FOUND', `No API route ${c.req.method} ${c.req.path}.`));
  api.onError((err, c) => {
    if (err instanceof HTTPException && err.status < 500) {
      const code = err.status === 400 ? 'INVALID_REQUEST' : `HTTP_${err.status}`;
      return apiError(c, err.status, code, err.message || 'The request is malformed (invalid JSON?).');
    }
    const outage = databaseOutageResponse(c, err);
    if (outage) {
      process.stderr.write(
        `passerelle: ${c.req.method} ${c.req.path} met a database outage: ${redactedError(err).message}\n`,
      );
      return outage;
    }
    const { message, stack } = redactedError(err);
    process.emitWarning(`API error on ${c.req.method} ${c.req.path}: ${stack ?? message}`);
    return apiError(c, 500, 'INTERNAL', 'Something went wrong on our side; nothing was changed. Try again.');
  });
  return api;
}

/** /@username is a page only when its owner turned it on: otherwise the SPA is served as a 404. */
function publicPageStatus(database: WebContext['database']): PageStatus {
  return async (path) => {
    if (!path.startsWith('/@')) return 200;
    const username = /^\/@([A-Za-z0-9_]{1,15})\/?$/.exec(path)?.[1];
    return username && (await publicPageFor(database, username)) ? 200 : 404;
  };
}

/** The routes whose body may pass MAX_BODY_BYTES: the archive upload and its parts carry their own. */
const hasOwnBodyLimit = (method: string, path: string) =>
  (method === 'POST' && path === '/api/archive') || (method === 'PUT' && PART_PATH.test(path));

export function createApp(ctx: WebContext): OpenAPIHono {
  const routes = routeContext(ctx);
  const app = new OpenAPIHono();
  app.use('*', httpMetrics());
  app.use('*', securityHeaders(routes.config.trustProxy));
  app.use('*', limitBodies(MAX_BODY_BYTES, hasOwnBodyLimit));
  app.route('/', metricsRoutes(ctx.database, { token: routes.config.metricsToken }));
  app.get('/healthz', async (c) => {
    const health = await writeHealth(ctx.database);
    if (health.ok) return c.json({ ok: true, database: ctx.database.kind });
    process.stderr.write(`passerelle: /healthz: ${health.code}: ${health.detail}\n`);
    return c.json({ ok: false, database: ctx.database.kind, error: health.code }, 503);
  });
  app.onError((err, c) => {
    const outage = databaseOutageResponse(c, err);
    if (outage) return outage;
    const { message, stack } = redactedError(err);
    process.emitWarning(`Error on ${c.req.method} ${c.req.path}: ${stack ?? message}`);
    return c.text('Internal Server Error', 500);
  });
  app.route('/api', createApi(routes));
  app.route('/', oauthBrowserRoutes(routes));
  app.route('/', identityRoutes(routes));
  app.route('/', unsubscribeRoutes(ctx.database));
  if (ctx.staticDir) serveSpa(app, ctx.staticDir, publicPageStatus(ctx.database));
  return app;
}
