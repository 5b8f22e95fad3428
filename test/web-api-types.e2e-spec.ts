import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiDocument } from '../src/app.factory';
import { API_TYPES_PATH, apiTypesSource } from '../src/web/api-types';
import { startTestApp, TestApp } from './support/test-app';

/** The web app's committed API types are those of the application's OpenAPI document. */
describe('Web app API types', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('match the OpenAPI document (run `npm run web:api` after changing the API)', async () => {
    const generated = await apiTypesSource(openApiDocument(t.app));
    const committed = readFileSync(join(__dirname, '..', API_TYPES_PATH), 'utf8');
    expect(generated.length).toBeGreaterThan(10_000);
    // a drift shows as the first differing line, not as two 200 KB strings
    const a = generated.split('\n');
    const b = committed.split('\n');
    const i = a.findIndex((line, n) => line !== b[n]);
    expect(
      i === -1 && a.length === b.length ? null : { line: i + 1, generated: a[i], committed: b[i] },
    ).toBeNull();
  });
});
