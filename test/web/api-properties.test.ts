// Property-based test of every JSON input of the API (fast-check): inputs generated from the
// OpenAPI document's own schemas — valid ones, ones at and past their bounds, and arbitrary JSON —
// get a 2xx or a 4xx in the error shape, never a 5xx.
import fc from 'fast-check';
import nodemailer from 'nodemailer';
import { expect, it } from 'vitest';
import { createApp } from '../../src/web/app.ts';
import type { RateLimitRule } from '../../src/web/context.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { TestBrowser } from './client.ts';
import { apiOperations, type JsonSchema, type Operation } from './openapi-schemas.ts';

/**
 * Left out, each for a reason: starting a link or a sign-in with a network resolves the handle
 * or the instance over the network (its inputs are covered by the safe fetch's tests), and
 * answers 503 where the network is not configured, as here.
 */
const LEFT_OUT = new Set(['POST /links/{platform}', 'POST /signin/{platform}']);

const RUNS_PER_OPERATION = 15;

/** Values of `schema`, and near it: up to a few past its length bounds. */
function arbitraryFor(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.oneOf || schema.anyOf)
    return fc.oneof(...(schema.oneOf ?? schema.anyOf ?? []).map(arbitraryFor));
  if (schema.enum) return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...schema.enum) }, fc.string());
  switch (schema.type) {
    case 'string':
      return stringOf(schema);
    case 'integer':
      return fc.integer({ min: (schema.minimum ?? -1000) - 2, max: (schema.maximum ?? 1000) + 2 });
    case 'number':
      return fc.double();
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(schema.items ? arbitraryFor(schema.items) : fc.jsonValue(), {
        maxLength: Math.min(schema.maxItems ?? 10, 10),
      });
    case 'object':
      return objectOf(schema);
    default:
      return fc.jsonValue();
  }
}

function stringOf(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.format === 'email') return fc.oneof(fc.emailAddress(), fc.string());
  if (schema.format === 'date')
    return fc.oneof(
      fc
        .date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10)),
      fc.string({ maxLength: 12 }),
    );
  const near = fc.string({ maxLength: Math.min((schema.maxLength ?? 30) + 2, 400) });
  return schema.pattern ? fc.oneof(fc.stringMatching(new RegExp(schema.pattern)), near) : near;
}

function objectOf(schema: JsonSchema): fc.Arbitrary<unknown> {
  const props = Object.fromEntries(
    Object.entries(schema.properties ?? {}).map(([k, v]) => [k, arbitraryFor(v)]),
  );
  const record = fc.record(props, { requiredKeys: (schema.required ?? []).filter((k) => k in props) });
  if (typeof schema.additionalProperties !== 'object') return record;
  const extra = fc.dictionary(fc.string({ maxLength: 40 }), arbitraryFor(schema.additionalProperties), {
    maxKeys: Math.min((schema.maxProperties ?? 5) + 2, 12),
  });
  return fc.tuple(record, extra).map(([a, b]) => ({ ...b, ...a }));
}

/** A request for `op`: path, query and body drawn from its schemas, or any JSON as the body. */
function requestOf(op: Operation) {
  const params = Object.fromEntries(
    op.parameters.map((p) => [
      `${p.in}:${p.name}`,
      p.required ? arbitraryFor(p.schema) : fc.option(arbitraryFor(p.schema)),
    ]),
  );
  const body = op.body
    ? fc.oneof({ weight: 3, arbitrary: arbitraryFor(op.body.schema) }, fc.jsonValue())
    : fc.constant(undefined);
  return fc.record({ params: fc.record(params), body }).map(({ params: values, body: json }) => {
    let path = `/api${op.path}`;
    const query = new URLSearchParams();
    for (const p of op.parameters) {
      const value = values[`${p.in}:${p.name}`];
      if (value === null || value === undefined) continue;
      if (p.in === 'path') path = path.replace(`{${p.name}}`, encodeURIComponent(String(value)) || '_');
      else if (p.in === 'query') query.set(p.name, String(value));
    }
    return { path: query.size ? `${path}?${query}` : path, body: json };
  });
}

const rule: RateLimitRule = { limit: 1_000_000, windowSeconds: 3600 };

describeEachDatabase('web: every JSON input, generated from the schemas', (db) => {
  it('answers 2xx or 4xx in the error shape, never 5xx', async () => {
    const app = createApp({
      database: db(),
      config: {
        cookieSecure: false,
        rateLimits: { signInPerIp: rule, signInPerUser: rule, uploadPerIp: rule, uploadPerUser: rule },
        emailLimits: { perIp: rule, perUser: rule, perAddress: rule },
      },
      // Mail that nodemailer builds and never sends: the email routes run in full.
      mail: {
        transport: nodemailer.createTransport({ jsonTransport: true }),
        config: {
          from: 'Passerelle <mail@passerelle.test>',
          baseUrl: 'https://passerelle.test',
          secret: 's',
        },
      },
    });
    const operations = (await apiOperations(app)).filter(
      (op) => (op.body || op.parameters.length > 0) && !LEFT_OUT.has(`${op.method} ${op.path}`),
    );
    expect(operations.length).toBeGreaterThanOrEqual(8);
    for (const op of operations) {
      await fc.assert(
        fc.asyncProperty(requestOf(op), async ({ path, body }) => {
          const browser = new TestBrowser(app);
          await browser.signIn();
          const res = await browser.request(
            op.method,
            path,
            body === undefined ? {} : { body: JSON.stringify(body) },
          );
          const what = `${op.method} ${path} → ${res.status}`;
          expect(res.status, what).toBeLessThan(500);
          if (res.status >= 400 && res.headers.get('content-type')?.includes('json')) {
            const answer = (await res.json()) as { error?: { code?: unknown } };
            expect(typeof answer.error?.code, what).toBe('string');
          }
        }),
        { numRuns: RUNS_PER_OPERATION },
      );
    }
  });
});
