import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

jest.setTimeout(300_000);

const ROOT = join(__dirname, '..');

/**
 * The web app's component tests (web/src/**\/*.test.ts) run in Vitest's browser mode in Debian's
 * Chromium; this runs them as part of `npm test` and fails with Vitest's own report.
 */
describe('Web app: components, each alone in Chromium (Vitest browser mode)', () => {
  it('every component test passes', async () => {
    const vitest = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
    const dir = mkdtempSync(join(tmpdir(), 'hoithi-vitest-'));
    const output = join(dir, 'report.json');
    const run = await promisify(execFile)(
      process.execPath,
      [
        vitest,
        'run',
        '--config',
        'web/vitest.config.mts',
        '--reporter',
        'json',
        '--outputFile',
        output,
      ],
      { cwd: ROOT, env: { ...process.env, CI: 'true' }, maxBuffer: 32 * 1024 * 1024 },
    ).catch((err: { stdout?: string; stderr?: string; code?: number }) => err);
    let text = '{}';
    try {
      text = readFileSync(output, 'utf8');
    } catch {
      // no report: the run failed before testing (its output says why)
    }
    rmSync(dir, { recursive: true, force: true });
    const report = JSON.parse(text) as {
      numTotalTests?: number;
      numFailedTests?: number;
      testResults?: {
        assertionResults: { fullName: string; status: string; failureMessages: string[] }[];
      }[];
    };
    const failures = (report.testResults ?? []).flatMap((f) =>
      f.assertionResults
        .filter((a) => a.status !== 'passed')
        .map((a) => `${a.fullName}: ${a.status}\n${a.failureMessages.join('\n')}`),
    );
    expect({
      failures,
      stderr: report.numTotalTests ? '' : (run.stderr ?? '').slice(-4000),
    }).toEqual({
      failures: [],
      stderr: '',
    });
    // the suite is there and ran: a component test file lost would show here
    expect(report.numTotalTests).toBeGreaterThanOrEqual(10);
  });
});
