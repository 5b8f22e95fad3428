import fc from 'fast-check';

/**
 * The pieces of the request fuzzer (test/fuzz.e2e-spec.ts) that know nothing of the product:
 * reading the OpenAPI document into routes and fields, the hostile values, a seeded random
 * source, URL encoding that can carry what `encodeURIComponent` refuses, and the check of the
 * one error body.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  required?: string[];
}

export interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  security?: unknown[];
}

export type Kind =
  | 'string'
  | 'uuid'
  | 'enum'
  | 'number'
  | 'boolean'
  | 'date'
  | 'array'
  | 'object'
  | 'map'
  | 'binary';

/** A value the fuzzer can change: a path, query or header parameter, or a body field. */
export interface Slot {
  in: 'path' | 'query' | 'header' | 'body';
  /** Parameter name, or the path of a body field (`policy.identities.0`). */
  path: (string | number)[];
  kind: Kind;
  schema: Schema;
  required: boolean;
}

export interface Route {
  method: string;
  /** As documented: `/contests/{contestId}/entries`. */
  path: string;
  /** JSON, a file upload, or no body. */
  body: 'json' | 'binary' | 'none';
  bodySchema?: Schema;
  slots: Slot[];
  /** Documented as open to anonymous callers (no security requirement). */
  isPublic: boolean;
}

export function resolve(doc: OpenApiDoc, schema: Schema | undefined): Schema {
  let s = schema ?? {};
  for (let i = 0; i < 10; i++) {
    if (s.$ref) s = { ...doc.components.schemas[s.$ref.split('/').pop()!], ...without(s, '$ref') };
    else if (s.allOf?.length === 1) s = { ...resolve(doc, s.allOf[0]), ...without(s, 'allOf') };
    else break;
  }
  return s;
}

function without<T extends object>(o: T, key: keyof T): Partial<T> {
  const copy = { ...o };
  delete copy[key];
  return copy;
}

/**
 * What kind of value a field takes. The document is read as Swagger writes it from the DTOs:
 * a `number | null` field comes out as an object with a minimum, a `string | null` id as an
 * object with the uuid format.
 */
export function kindOf(s: Schema): Kind {
  if (s.enum) return 'enum';
  if (s.format === 'uuid') return 'uuid';
  if (s.format === 'date-time') return 'date';
  if (s.format === 'binary') return 'binary';
  if (s.type === 'number' || s.type === 'integer') return 'number';
  if (s.minimum !== undefined || s.maximum !== undefined) return 'number';
  if (s.type === 'boolean') return 'boolean';
  if (s.type === 'array') return 'array';
  if (s.type === 'object' && s.properties) return 'object';
  if (s.type === 'object') return 'map';
  return 'string';
}

const isId = (name: string) => name === 'id' || /Id$/.test(name);

/** Every operation of the document with the fields the fuzzer can change. */
export function routesOf(doc: OpenApiDoc): Route[] {
  const routes: Route[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const slots: Slot[] = [];
      for (const p of op.parameters ?? []) {
        if (p.in === 'cookie') continue;
        const schema = resolve(doc, p.schema);
        let kind = kindOf(schema);
        if (p.in === 'path' && kind === 'string' && isId(p.name)) kind = 'uuid';
        slots.push({ in: p.in, path: [p.name], kind, schema, required: p.required === true });
      }
      let body: Route['body'] = 'none';
      let bodySchema: Schema | undefined;
      const content = op.requestBody?.content ?? {};
      if (content['application/json']) {
        body = 'json';
        bodySchema = resolve(doc, content['application/json'].schema);
        slots.push(...bodySlots(doc, bodySchema, [], 0));
      } else if (Object.keys(content).length > 0) {
        body = 'binary';
      }
      routes.push({
        method: method.toUpperCase(),
        path,
        body,
        bodySchema,
        slots,
        isPublic: !op.security || op.security.length === 0,
      });
    }
  }
  return routes;
}

function bodySlots(doc: OpenApiDoc, s: Schema, prefix: (string | number)[], depth: number): Slot[] {
  const out: Slot[] = [];
  if (depth > 4) return out;
  for (const [name, raw] of Object.entries(s.properties ?? {})) {
    const schema = resolve(doc, raw);
    const kind = kindOf(schema);
    const path = [...prefix, name];
    out.push({ in: 'body', path, kind, schema, required: (s.required ?? []).includes(name) });
    if (kind === 'object') out.push(...bodySlots(doc, schema, path, depth + 1));
    if (kind === 'array' && schema.items) {
      const item = resolve(doc, schema.items);
      const itemKind = kindOf(item);
      out.push({ in: 'body', path: [...path, 0], kind: itemKind, schema: item, required: true });
      if (itemKind === 'object') out.push(...bodySlots(doc, item, [...path, 0], depth + 1));
    }
  }
  return out;
}

/** A hostile value, and whether the text rule must refuse it wherever text is read. */
export interface Hostile {
  label: string;
  value: Json | typeof OMIT;
  /** Text no field may accept: controls, lone surrogates, non-characters. */
  forbiddenText?: boolean;
}

/** Marks a field left out of the request. */
export const OMIT = Symbol('omit');

const LONG = 'x'.repeat(100_000);

const forbidden = (label: string, value: string): Hostile => ({
  label,
  value,
  forbiddenText: true,
});

/** Text that no field may accept (refused with a 400 naming the field). */
export const FORBIDDEN_TEXT: Hostile[] = [
  forbidden('NUL', '\u0000'),
  forbidden('NUL inside', 'Hội thi\u0000 thử'),
  forbidden('lone high surrogate', 'Hoa\uD800'),
  forbidden('lone low surrogate', '\uDC00Hoa'),
  forbidden('non-character U+FFFE', 'Hoa\uFFFE'),
  forbidden('non-character U+FDD0', '\uFDD0'),
  forbidden('C1 control U+0085', 'Hoa\u0085Lan'),
  forbidden('escape sequence', '\u001B[2JHoa'),
  forbidden('DEL', 'Hoa\u007F'),
];

/** Text that is hostile but may be stored (and must then be shown back as text). */
const NASTY_TEXT: Hostile[] = [
  { label: 'bidi override', value: '\u202Egnp.exe' },
  { label: 'zero-width at the edges', value: '\u200BHội thi\u200B' },
  { label: '100k characters', value: LONG },
  { label: 'path traversal', value: '../../../../etc/passwd' },
  { label: 'backslash traversal', value: '..\\..\\windows\\win.ini' },
  { label: 'SQL fragment', value: "'; DROP TABLE users; --" },
  { label: 'SQL tautology', value: "' OR '1'='1" },
  { label: 'HTML', value: '<script>alert(1)</script>' },
  { label: 'HTML attribute', value: '"><img src=x onerror=alert(1)>' },
  { label: 'empty', value: '' },
  { label: 'blanks', value: '   ' },
  { label: 'percent NUL', value: '%00' },
  { label: 'template', value: '${7*7}{{7*7}}' },
  { label: 'header injection', value: 'x\r\nSet-Cookie: a=1' },
  { label: 'number text', value: '-1' },
  { label: 'huge number text', value: '1e309' },
];

const WRONG_TYPES: Hostile[] = [
  { label: 'null', value: null },
  { label: 'true', value: true },
  { label: 'number', value: 12345 },
  { label: 'negative number', value: -1 },
  { label: 'array', value: ['x'] },
  { label: 'empty array', value: [] },
  { label: 'object', value: { a: 1 } },
  { label: 'nested', value: [[{ a: [] }]] },
];

const NUMBERS: Hostile[] = [
  { label: 'negative', value: -1 },
  { label: 'zero', value: 0 },
  { label: 'below int32', value: -2147483649 },
  { label: 'above int32', value: 2147483648 },
  { label: 'above 2^53', value: 2 ** 53 + 2 },
  { label: 'huge', value: 1e308 },
  { label: 'huge negative', value: -1e308 },
  { label: 'fraction', value: 0.5 },
  { label: 'tiny', value: 1e-300 },
  { label: 'number as text', value: '1' },
  { label: 'text', value: 'mười' },
  { label: 'null', value: null },
  { label: 'true', value: true },
  { label: 'array', value: [1] },
  { label: 'object', value: {} },
];

const uuidHostiles = (known: string): Hostile[] => [
  { label: 'not a uuid', value: 'not-a-uuid' },
  { label: 'empty', value: '' },
  { label: 'traversal', value: '../../etc/passwd' },
  { label: 'nil uuid', value: '00000000-0000-0000-0000-000000000000' },
  { label: 'unknown uuid', value: '6f1d3c2a-9b8e-4d7f-a1c2-3e4f5a6b7c8d' },
  { label: 'upper case', value: known.toUpperCase() },
  { label: 'uuid and NUL', value: `${known}\u0000`, forbiddenText: true },
  { label: 'uuid and SQL', value: `${known}' OR '1'='1` },
  { label: 'lone surrogate', value: '\uD800', forbiddenText: true },
  { label: '100k characters', value: LONG },
  { label: 'number', value: 123 },
  { label: 'null', value: null },
  { label: 'array', value: [known] },
  { label: 'object', value: { id: known } },
];

const ENUMS: Hostile[] = [
  { label: 'unknown', value: 'khong-co' },
  { label: 'upper case', value: 'ADMIN' },
  { label: 'empty', value: '' },
  ...FORBIDDEN_TEXT.slice(0, 3),
  { label: 'long', value: LONG },
  { label: 'number', value: 1 },
  { label: 'null', value: null },
  { label: 'array', value: ['all'] },
];

const BOOLEANS: Hostile[] = [
  { label: 'text true', value: 'true' },
  { label: 'one', value: 1 },
  { label: 'yes', value: 'có' },
  { label: 'null', value: null },
  { label: 'array', value: [true] },
  forbidden('NUL', '\u0000'),
];

const DATES: Hostile[] = [
  { label: 'impossible date', value: '2026-13-45T99:99:00Z' },
  { label: 'not a date', value: 'ngày mai' },
  { label: 'year 0', value: '0000-00-00T00:00:00Z' },
  { label: 'far future', value: '+275760-09-13T00:00:00.001Z' },
  { label: 'far past', value: '-271821-04-20T00:00:00Z' },
  { label: 'negative', value: -1 },
  { label: 'huge', value: 1e308 },
  ...FORBIDDEN_TEXT.slice(0, 3),
];

const arrays = (item: Json): Hostile[] => [
  { label: 'empty', value: [] },
  { label: 'not an array', value: 'x' },
  { label: 'object', value: { 0: item } },
  { label: 'null', value: null },
  { label: 'null item', value: [null] },
  { label: 'nested arrays', value: [[[item]]] },
  { label: '10001 items', value: Array.from({ length: 10_001 }, () => item) },
  { label: 'duplicates', value: [item, item] },
];

const OBJECTS: Hostile[] = [
  { label: 'null', value: null },
  { label: 'text', value: 'x' },
  { label: 'array', value: [] },
  { label: 'number', value: 1 },
  { label: 'unknown field', value: { khongCo: 1 } },
  { label: 'NUL key', value: { '\u0000': 1 }, forbiddenText: true },
  { label: 'lone surrogate key', value: { '\uD800': 1 }, forbiddenText: true },
];

const MAPS: Hostile[] = [
  ...OBJECTS,
  { label: 'text values', value: { c1: 'mười' } },
  { label: 'huge values', value: { c1: 1e308, c2: -1e308 } },
  { label: 'NUL in a key', value: { 'c1\u0000': 1 }, forbiddenText: true },
  { label: 'SQL key', value: { "c1'; DROP TABLE users; --": 1 } },
  {
    label: 'many keys',
    value: Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, i])),
  },
];

/** `count` items of `list`, starting at `offset` and wrapping round. */
function rotate<T>(list: T[], offset: number, count: number): T[] {
  return Array.from(
    { length: Math.min(count, list.length) },
    (_, i) => list[(offset + i) % list.length],
  );
}

/**
 * The hostile values for one field: omitted, every text no field may accept, and a share of the
 * other values of its kind. `offset` (the field's index in its route) turns the share round, so
 * that the fields of a route together get every value while each field costs a few requests.
 */
export function hostilesFor(slot: Slot, known: Json, extra: string[], offset = 0): Hostile[] {
  const generated = extra.map((v) => ({
    label: 'generated',
    value: v,
    forbiddenText: hasForbiddenText(v),
  }));
  const omit: Hostile = { label: 'omitted', value: OMIT };
  switch (slot.kind) {
    case 'string':
      return [
        omit,
        ...FORBIDDEN_TEXT,
        ...rotate(NASTY_TEXT, offset * 6, 6),
        ...generated,
        ...rotate(WRONG_TYPES, offset * 3, 3),
      ];
    case 'uuid':
      return [
        omit,
        ...uuidHostiles(typeof known === 'string' ? known : '00000000-0000-4000-8000-000000000000'),
      ];
    case 'enum':
      return [omit, ...ENUMS];
    case 'number':
      return [omit, ...rotate(NUMBERS, offset * 8, 8)];
    case 'boolean':
      return [omit, ...BOOLEANS];
    case 'date':
      return [omit, ...DATES, ...rotate(WRONG_TYPES.slice(2), offset, 2)];
    case 'array':
      return [omit, ...arrays(Array.isArray(known) && known.length ? known[0] : 'x')];
    case 'object':
      return [omit, ...OBJECTS];
    case 'map':
      return [omit, ...MAPS];
    case 'binary':
      return [omit];
  }
}

/** What `hostilesFor` gives a string in a path or header: text only (the wire has no types). */
export function wireHostiles(slot: Slot, known: string, extra: string[], offset = 0): Hostile[] {
  const all = hostilesFor(slot, known, extra, offset).filter(
    (h) => h.value !== OMIT && (typeof h.value === 'string' || typeof h.value === 'number'),
  );
  // a lone surrogate cannot cross the wire: its bytes are not UTF-8, and arrive replaced
  return all.map((h) => {
    const value = wireText(h.value as Json);
    return { ...h, value, forbiddenText: hasForbiddenText(value.replace(/[\uD800-\uDFFF]/g, '')) };
  });
}

/** A value as text on the wire (a URL or a header): strings as they are, the rest as JSON. */
export function wireText(value: Json | undefined): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
}

/** A control, a lone surrogate or a non-character: what the text rule refuses everywhere. */
export function hasForbiddenText(s: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/.test(s)) return true;
  if (/[\uFDD0-\uFDEF]/.test(s)) return true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const n = s.charCodeAt(i + 1);
      if (!(n >= 0xdc00 && n <= 0xdfff)) return true;
      const cp = ((c - 0xd800) << 10) + (n - 0xdc00) + 0x10000;
      if ((cp & 0xfffe) === 0xfffe) return true;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
    else if ((c & 0xfffe) === 0xfffe) return true;
  }
  return false;
}

/**
 * Generated text from the seed: Vietnamese letters mixed with controls, surrogate halves,
 * non-characters, bidi and zero-width characters.
 */
export function generatedStrings(seed: number, count: number): string[] {
  const unit = fc.oneof(
    {
      weight: 6,
      arbitrary: fc.constantFrom(...'aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạềếộữ 0123456789'),
    },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        '\u0000',
        '\u0001',
        '\t',
        '\n',
        '\r',
        '\u001F',
        '\u007F',
        '\u0085',
        '\u009F',
        '\uD800',
        '\uDBFF',
        '\uDC00',
        '\uDFFF',
        '\uFFFE',
        '\uFFFF',
        '\uFDD0',
        '\u202E',
        '\u2066',
        '\u200B',
        '\u200D',
        '\uFEFF',
        '\u0301',
        "'",
        '"',
        '\\',
        '%',
        '/',
        '<',
        '>',
        '&',
        ';',
        '--',
      ),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) },
  );
  return fc.sample(fc.string({ unit, minLength: 1, maxLength: 24 }), { seed, numRuns: count });
}

/** mulberry32: a small seeded source of numbers in [0, 1), for choices the fuzzer makes. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Percent-encodes text for a URL the way a hostile client may: lone surrogates become the bytes
 * their code units would have in UTF-8 (invalid UTF-8, which `encodeURIComponent` refuses).
 */
export function percentEncode(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const isHigh = c >= 0xd800 && c <= 0xdbff;
    const n = s.charCodeAt(i + 1);
    if (isHigh && n >= 0xdc00 && n <= 0xdfff) {
      out += encodeURIComponent(s.slice(i, i + 2));
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      out += `%${(0xe0 | (c >> 12)).toString(16).toUpperCase()}%${(0x80 | ((c >> 6) & 0x3f)).toString(16).toUpperCase()}%${(0x80 | (c & 0x3f)).toString(16).toUpperCase()}`;
    } else {
      out += encodeURIComponent(s[i]);
    }
  }
  return out;
}

/** Latin-1 text a header can carry (Node refuses the rest): other characters become `?`. */
export function headerSafe(s: string): string {
  return s.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?');
}

/** Sets `value` at `path` inside a copy of `body` (OMIT deletes the field). */
export function withField(body: Json, path: (string | number)[], value: Json | typeof OMIT): Json {
  const copy = structuredClone(body);
  let node = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== 'object') return copy;
    node = next as Record<string | number, Json>;
  }
  const last = path[path.length - 1];
  if (value === OMIT) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = value;
  return copy;
}

const ERROR_KEYS = new Set(['statusCode', 'code', 'message', 'errors', 'requestId']);

/**
 * Why a response is not the documented error body `{statusCode, code, message, errors?,
 * requestId}`, or null when it is. Messages must come from a catalogue (never the bare code).
 */
export function errorBodyProblem(status: number, contentType: string, text: string): string | null {
  if (!/^application\/json/.test(contentType)) return `content-type ${contentType || '(none)'}`;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'not an object';
  const b = body as Record<string, unknown>;
  const extra = Object.keys(b).filter((k) => !ERROR_KEYS.has(k));
  if (extra.length) return `unexpected keys ${extra.join(', ')}`;
  if (b.statusCode !== status) return `statusCode ${String(b.statusCode)} for ${status}`;
  if (typeof b.code !== 'string' || !/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/.test(b.code))
    return `code ${JSON.stringify(b.code)}`;
  if (typeof b.message !== 'string' || !b.message || b.message === b.code)
    return `message ${JSON.stringify(b.message)} (no catalogue entry?)`;
  if (typeof b.requestId !== 'string' || !b.requestId) return 'no requestId';
  if (b.errors !== undefined) {
    if (!Array.isArray(b.errors) || b.errors.length === 0) return 'errors is not a non-empty list';
    for (const e of b.errors as Record<string, unknown>[]) {
      if (
        !e ||
        typeof e.field !== 'string' ||
        typeof e.code !== 'string' ||
        typeof e.message !== 'string' ||
        !e.message ||
        e.message === e.code ||
        Object.keys(e).some((k) => !['field', 'code', 'message'].includes(k))
      )
        return `field error ${JSON.stringify(e).slice(0, 200)}`;
    }
  }
  return null;
}
