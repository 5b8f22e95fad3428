import { forbiddenJsonKey, jsonDepthExceeds } from './json-body';

const nestArrays = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};

describe('jsonDepthExceeds', () => {
  it('counts objects and arrays, not scalars', () => {
    expect(jsonDepthExceeds(1, 1)).toBe(false);
    expect(jsonDepthExceeds('text', 1)).toBe(false);
    expect(jsonDepthExceeds(null, 1)).toBe(false);
    expect(jsonDepthExceeds({}, 1)).toBe(false);
    expect(jsonDepthExceeds({ a: 1, b: 'x' }, 1)).toBe(false);
    expect(jsonDepthExceeds({ a: {} }, 1)).toBe(true);
    expect(jsonDepthExceeds({ a: {} }, 2)).toBe(false);
    expect(jsonDepthExceeds([[1]], 2)).toBe(false);
    expect(jsonDepthExceeds([[[1]]], 2)).toBe(true);
  });

  it('is exact at the limit', () => {
    expect(jsonDepthExceeds(nestArrays(32), 32)).toBe(false);
    expect(jsonDepthExceeds(nestArrays(33), 32)).toBe(true);
  });

  it('finds one deep branch among shallow ones', () => {
    const wide = { a: [1, 2, 3], b: { c: 1 }, d: [{ e: { f: nestArrays(10) } }] };
    expect(jsonDepthExceeds(wide, 12)).toBe(true);
    expect(jsonDepthExceeds(wide, 14)).toBe(false);
  });

  it('measures a 100,000-deep value without overflowing the stack', () => {
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)) as unknown;
    expect(jsonDepthExceeds(deep, 32)).toBe(true);
  });

  it('handles a wide value', () => {
    const wide = Array.from({ length: 100_000 }, (_, i) => ({ i }));
    expect(jsonDepthExceeds(wide, 2)).toBe(false);
    expect(jsonDepthExceeds(wide, 1)).toBe(true);
  });
});

describe('forbiddenJsonKey', () => {
  it.each([
    ['{"__proto__": {"admin": true}}', '__proto__'],
    ['{"a": [{"b": {"__proto__": 1}}]}', '__proto__'],
    ['{"constructor": {"prototype": {"admin": true}}}', 'constructor.prototype'],
    ['[{"x": {"constructor": {"prototype": null}}}]', 'constructor.prototype'],
  ])('finds it in %s', (text, key) => {
    expect(forbiddenJsonKey(JSON.parse(text))).toBe(key);
  });

  it.each([
    ['{"proto": 1, "constructor": "x"}'],
    ['{"constructor": {"name": "x"}}'],
    ['{"prototype": {}}'],
    ['[1, "a", null]'],
    ['"__proto__"'],
  ])('accepts %s', (text) => {
    expect(forbiddenJsonKey(JSON.parse(text))).toBeNull();
  });
});
