/**
 * Checks an answer of the service against what its OpenAPI document says of it, strictly: every
 * property it requires is there, no property it does not describe is, and every value has the
 * type, format, enum and nullability described. The web app's types are generated from that
 * document, so an answer that passes here is one the app's types describe.
 */
import type { Response } from 'supertest';

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  nullable?: boolean;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: Schema | boolean;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}

interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

export interface AnswerDoc {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function deref(doc: AnswerDoc, s: Schema): Schema {
  let out = s;
  for (let i = 0; out.$ref && i < 20; i++) {
    const name = out.$ref.replace('#/components/schemas/', '');
    const target = doc.components?.schemas?.[name];
    if (!target) throw new Error(`no schema ${out.$ref}`);
    out = target;
  }
  return out;
}

/** The problems of a value against a schema (empty: it is what the document says). */
export function schemaProblems(doc: AnswerDoc, schema: Schema, value: unknown, at = '$'): string[] {
  const s = deref(doc, schema);
  if (value === null) return s.nullable ? [] : [`${at}: null, not nullable`];
  if (s.allOf) return s.allOf.flatMap((part) => schemaProblems(doc, part, value, at));
  for (const choices of [s.oneOf, s.anyOf]) {
    if (!choices) continue;
    const each = choices.map((c) => schemaProblems(doc, c, value, at));
    return each.some((p) => p.length === 0)
      ? []
      : [`${at}: none of the choices (${each.flat().join('; ')})`];
  }
  if (s.enum && !s.enum.includes(value))
    return [`${at}: ${JSON.stringify(value)} not one of ${JSON.stringify(s.enum)}`];
  const type = s.type ?? (s.properties || s.additionalProperties ? 'object' : undefined);
  switch (type) {
    case undefined:
      return [];
    case 'string':
      if (typeof value !== 'string') return [`${at}: ${typeof value}, not a string`];
      if (s.format === 'date-time' && !ISO_TIME.test(value)) return [`${at}: not a date-time`];
      if (s.format === 'uuid' && !UUID.test(value)) return [`${at}: not a uuid`];
      return [];
    case 'number':
      return typeof value === 'number' ? [] : [`${at}: ${typeof value}, not a number`];
    case 'integer':
      return Number.isInteger(value) ? [] : [`${at}: not an integer`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${at}: ${typeof value}, not a boolean`];
    case 'array':
      if (!Array.isArray(value)) return [`${at}: not an array`];
      return s.items
        ? value.flatMap((v, i) => schemaProblems(doc, s.items!, v, `${at}[${i}]`))
        : [];
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) return [`${at}: not an object`];
      if (!s.properties && s.additionalProperties === undefined)
        return [`${at}: described as a bare object (its properties are not in the document)`];
      const problems: string[] = [];
      const o = value as Record<string, unknown>;
      for (const key of s.required ?? [])
        if (!(key in o)) problems.push(`${at}.${key}: required, missing`);
      for (const [key, v] of Object.entries(o)) {
        const described = s.properties?.[key];
        if (described) problems.push(...schemaProblems(doc, described, v, `${at}.${key}`));
        else if (typeof s.additionalProperties === 'object')
          problems.push(...schemaProblems(doc, s.additionalProperties, v, `${at}.${key}`));
        else if (s.additionalProperties !== true)
          problems.push(`${at}.${key}: not in the document`);
      }
      return problems;
    }
    default:
      return [`${at}: unknown type ${type}`];
  }
}

/** The operation of the document a request went to (its path template matched against the path). */
function operationOf(doc: AnswerDoc, method: string, path: string): Operation | undefined {
  for (const [template, ops] of Object.entries(doc.paths)) {
    const pattern = new RegExp(
      `^${template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`,
    );
    if (pattern.test(path)) return ops[method.toLowerCase()];
  }
  return undefined;
}

/**
 * The problems of one answer against its operation's response in the document: the operation,
 * the status and a JSON schema must be described, and the body must follow it.
 */
export function answerProblems(
  doc: AnswerDoc,
  answer: { method: string; url: string; status: number; body: unknown },
): string[] {
  const path = new URL(answer.url, 'http://x').pathname;
  const where = `${answer.method} ${path} ${answer.status}`;
  const op = operationOf(doc, answer.method, path);
  if (!op) return [`${where}: not in the document`];
  const schema = op.responses?.[String(answer.status)]?.content?.['application/json']?.schema;
  if (!schema) return [`${where}: no JSON answer described`];
  return schemaProblems(doc, schema, answer.body).map((p) => `${where} ${p}`);
}

/** The problems of a supertest response against the document (see answerProblems). */
export function responseProblems(doc: AnswerDoc, res: Response): string[] {
  return answerProblems(doc, {
    method: res.request.method,
    url: res.request.url,
    status: res.status,
    body: res.body,
  });
}
