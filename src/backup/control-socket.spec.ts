import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { controlSocketPath, requestBackup } from './control-socket';

describe('asking the running service for a backup', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'hoithi-control-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('answers null when no service listens (no socket, or a socket file left behind)', async () => {
    await expect(requestBackup(dir, '/tmp/x')).resolves.toBeNull();
    writeFileSync(controlSocketPath(dir), '');
    await expect(requestBackup(dir, '/tmp/x')).resolves.toBeNull();
  });

  it("sends the request as one JSON line and returns the service's answer", async () => {
    const server = createServer((socket) => {
      socket.once('data', (d) => {
        expect(JSON.parse(d.toString())).toEqual({ op: 'backup', dir: '/srv/sao-luu' });
        socket.end('{"ok":false,"code":"common.conflict","params":{}}\n');
      });
    });
    await new Promise<void>((r) => server.listen(controlSocketPath(dir), r));
    try {
      await expect(requestBackup(dir, '/srv/sao-luu')).resolves.toEqual({
        ok: false,
        code: 'common.conflict',
        params: {},
      });
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
