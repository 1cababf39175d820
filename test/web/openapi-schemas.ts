// The API's OpenAPI document as tests read it: every operation with its inputs, schemas resolved.
import type { Requester } from './client.ts';

export type JsonSchema = {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  maxProperties?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
};

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: JsonSchema;
}

export interface Operation {
  method: string;
  /** OpenAPI path under /api, with {param} placeholders. */
  path: string;
  parameters: Parameter[];
  body?: { schema: JsonSchema; required: boolean };
}

type Doc = {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: RequestBody }>>;
  components?: { schemas?: Record<string, JsonSchema> };
};
type RequestBody = { required?: boolean; content?: Record<string, { schema: JsonSchema }> };

/** Replaces every $ref with the component it names. */
function resolve(schema: JsonSchema, doc: Doc): JsonSchema {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = doc.components?.schemas?.[name];
    if (!target) throw new Error(`unknown $ref ${schema.$ref}`);
    return resolve(target, doc);
  }
  const out: JsonSchema = { ...schema };
  if (schema.properties)
    out.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([k, v]) => [k, resolve(v, doc)]),
    );
  if (schema.items) out.items = resolve(schema.items, doc);
  if (typeof schema.additionalProperties === 'object')
    out.additionalProperties = resolve(schema.additionalProperties, doc);
  if (schema.oneOf) out.oneOf = schema.oneOf.map((s) => resolve(s, doc));
  if (schema.anyOf) out.anyOf = schema.anyOf.map((s) => resolve(s, doc));
  return out;
}

export async function apiOperations(app: Requester): Promise<Operation[]> {
  const res = await app.request('http://localhost/api/openapi.json');
  const doc = (await res.json()) as Doc;
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const json = op.requestBody?.content?.['application/json'];
      operations.push({
        method: method.toUpperCase(),
        path,
        parameters: (op.parameters ?? []).map((p) => ({ ...p, schema: resolve(p.schema, doc) })),
        body: json
          ? { schema: resolve(json.schema, doc), required: op.requestBody?.required ?? false }
          : undefined,
      });
    }
  }
  return operations;
}

/** Where a schema accepts unbounded input: strings without a length, lists or maps without a size. */
export function unboundedParts(schema: JsonSchema, at = '(body)'): string[] {
  const parts: string[] = [];
  if (schema.type === 'string' && !stringBounded(schema)) parts.push(`${at}: string without maxLength`);
  if (schema.type === 'array') {
    if (schema.maxItems === undefined) parts.push(`${at}: array without maxItems`);
    if (schema.items) parts.push(...unboundedParts(schema.items, `${at}[]`));
  }
  if (schema.additionalProperties) {
    if (schema.maxProperties === undefined) parts.push(`${at}: map without maxProperties`);
    if (typeof schema.additionalProperties === 'object')
      parts.push(...unboundedParts(schema.additionalProperties, `${at}.*`));
  }
  for (const [key, value] of Object.entries(schema.properties ?? {}))
    parts.push(...unboundedParts(value, `${at}.${key}`));
  for (const option of [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])])
    parts.push(...unboundedParts(option, at));
  return parts;
}

function stringBounded(schema: JsonSchema): boolean {
  if (schema.maxLength !== undefined || schema.enum || schema.const !== undefined) return true;
  if (schema.format === 'date' || schema.format === 'date-time') return true;
  // An anchored pattern without * or + (e.g. ^\d{1,20}$) bounds the length itself.
  return Boolean(schema.pattern && /^\^[^*+]*\$$/.test(schema.pattern));
}
