import { arrayLiteral, textArrayBinary, uuidArrayBinary } from '../src/database/pg-array';
import { createTestDatabase, TestDatabase } from './support/test-db';

/** The literals PostgreSQL reads back as the very arrays they were made from. */
describe('Array literals', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('carry any text, including what array_in treats specially, and nulls', async () => {
    const values = [
      'd:AbC_-09xyzAbC_-09xyzAb',
      'u:3f2b8c1e-7a6d-4e2f-9b1c-0d8e7f6a5b4c',
      'p:+84912345678',
      '',
      'NULL',
      'null',
      'nUlL',
      'abcd',
      ' leading and trailing ',
      'a,b',
      '{x}',
      'say "hi"',
      'back\\slash',
      '\\"',
      'Hội Thi — bình chọn',
      'tab\there',
      'line\nbreak',
      null,
      'socket',
    ];
    const { rows } = await db.pool.query<{ a: (string | null)[] }>('SELECT $1::text[] AS a', [
      arrayLiteral(values),
    ]);
    expect(rows[0].a).toEqual(values);
  });

  it('make uuid arrays the database reads in order', async () => {
    const ids = [
      '3f2b8c1e-7a6d-4e2f-9b1c-0d8e7f6a5b4c',
      '00000000-0000-4000-8000-000000000001',
      'ABCDEF01-2345-4678-9ABC-DEF012345678',
    ];
    const { rows } = await db.pool.query<{ a: string[] }>('SELECT $1::uuid[]::text[] AS a', [
      arrayLiteral(ids),
    ]);
    expect(rows[0].a).toEqual(ids.map((id) => id.toLowerCase()));
    expect(arrayLiteral([])).toBe('{}');
  });

  it('send uuid arrays in binary form that the database reads in order, repeats included', async () => {
    const ids = [
      '3f2b8c1e-7a6d-4e2f-9b1c-0d8e7f6a5b4c',
      '3f2b8c1e-7a6d-4e2f-9b1c-0d8e7f6a5b4c',
      '00000000-0000-4000-8000-000000000001',
      'ABCDEF01-2345-4678-9ABC-DEF012345678',
      'abcdef01-2345-4678-9abc-def012345678',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
    ];
    const { rows } = await db.pool.query<{ a: string[]; n: number }>(
      'SELECT $1::uuid[]::text[] AS a, cardinality($1::uuid[]) AS n',
      [uuidArrayBinary(ids)],
    );
    expect(rows[0].a).toEqual(ids.map((id) => id.toLowerCase()));
    const empty = await db.pool.query<{ n: number }>('SELECT cardinality($1::uuid[]) AS n', [
      uuidArrayBinary([]),
    ]);
    expect(empty.rows[0].n).toBe(0);
  });

  it('refuse to encode what is not a uuid', () => {
    for (const bad of [
      '3f2b8c1e-7a6d-4e2f-9b1c-0d8e7f6a5b4',
      '3f2b8c1e7a6d-4e2f-9b1c-0d8e7f6a5b4c0',
      '3f2b8c1e-7a6d-4e2f-9b1c-0d8e7f6a5b4g',
      '3f2b8c1e-7a6d-4e2f-9b1c-0d8e7f6a5b4ạ',
      '',
    ])
      expect(() => uuidArrayBinary(['00000000-0000-4000-8000-000000000001', bad])).toThrow(
        TypeError,
      );
  });

  it('send text arrays in binary form, any text including multi-byte', async () => {
    const values = [
      'd:AbC_-09xyzAbC_-09xyzAb',
      '',
      'NULL',
      'a,b',
      '{x}',
      'Hội Thi — bình chọn',
      'socket',
    ];
    const { rows } = await db.pool.query<{ a: string[]; l: number[] }>(
      'SELECT $1::text[] AS a, ARRAY(SELECT length(x) FROM unnest($1::text[]) x) AS l',
      [textArrayBinary(values)],
    );
    expect(rows[0].a).toEqual(values);
    expect(rows[0].l).toEqual(values.map((v) => [...v].length));
  });
});
