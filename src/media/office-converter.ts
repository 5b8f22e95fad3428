import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ChildProcess, spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { lowerPriority, ToolError } from './media-tools';

/** The service is stopping: the conversion was ended, and should be tried again later. */
export class ConversionStopped extends Error {}

/**
 * Settings written into each run's private LibreOffice profile: a document's remote links
 * (pictures linked by URL, which LibreOffice would fetch while loading) are never followed, every
 * connection it would make goes to a closed local port, and macros never run.
 */
const PROFILE_SETTINGS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetProxyType" oor:op="fuse"><value>1</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetHTTPProxyName" oor:op="fuse"><value>127.0.0.1</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetHTTPProxyPort" oor:op="fuse"><value>9</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetHTTPSProxyName" oor:op="fuse"><value>127.0.0.1</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetHTTPSProxyPort" oor:op="fuse"><value>9</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetFTPProxyName" oor:op="fuse"><value>127.0.0.1</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetFTPProxyPort" oor:op="fuse"><value>9</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetNoProxy" oor:op="fuse"><value></value></prop></item>
</oor:items>
`;

/** Impress's PDF export without speaker notes, notes pages or comments. */
const PDF_FILTER =
  'pdf:impress_pdf_Export:' +
  JSON.stringify({
    ExportNotes: { type: 'boolean', value: 'false' },
    ExportNotesPages: { type: 'boolean', value: 'false' },
    ExportNotesInMargin: { type: 'boolean', value: 'false' },
    ExportHiddenSlides: { type: 'boolean', value: 'false' },
  });

interface RunResult {
  code: number | null;
  stderr: string;
  timedOut: boolean;
  stopped: boolean;
}

/**
 * The only code that runs LibreOffice: slides (pptx) become a PDF with `soffice --headless
 * --convert-to pdf`. Each run has a folder of its own beside the output (in the storage's
 * temporary folder): a private profile (so runs never share or wait on one another's, and the
 * settings above apply), the input's copy, the output and LibreOffice's temporary files; the
 * folder is removed on every path. LibreOffice runs in its own process group, without the
 * service's environment, in a network namespace of its own when the system allows one (`unshare
 * -rn`; otherwise its profile blocks remote links), at a lower priority, one conversion at a time
 * per process (each takes a few hundred megabytes), and its whole group is killed when the time
 * limit passes or the service stops.
 */
@Injectable()
export class OfficeConverter implements OnApplicationShutdown {
  private readonly logger = new Logger('OfficeConverter');
  private availability?: { at: number; ok: boolean };
  private isolation?: Promise<boolean>;
  private readonly running = new Set<ChildProcess>();
  /** Runs killed because the service is stopping (not for their own fault). */
  private readonly stoppedRuns = new WeakSet<ChildProcess>();
  private turn: Promise<unknown> = Promise.resolve();
  private stopping = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Whether `soffice` answers (cached for a few seconds). */
  async available(): Promise<boolean> {
    const cached = this.availability;
    if (cached && Date.now() - cached.at < 5000) return cached.ok;
    const ok = await this.spawnGroup(this.config.media.sofficePath, ['--version'], {
      timeoutMs: 10_000,
    }).then(
      (r) => r.code === 0,
      () => false,
    );
    this.availability = { at: Date.now(), ok };
    return ok;
  }

  /**
   * Converts a slide deck to PDF at `out` (a path in the storage's temporary folder). Throws
   * ToolError when LibreOffice fails or runs past `timeoutMs` (its processes are killed), and
   * ConversionStopped when the service is stopping. Gives the PDF's size.
   */
  slidesToPdf(
    input: string,
    out: string,
    timeoutMs = this.config.media.slidesTimeoutMs,
  ): Promise<{ size: number }> {
    const run = this.turn.then(() => this.convert(input, out, timeoutMs));
    this.turn = run.catch(() => undefined);
    return run;
  }

  private async convert(input: string, out: string, timeoutMs: number): Promise<{ size: number }> {
    if (this.stopping) throw new ConversionStopped('the service is stopping');
    const work = `${out}.soffice`;
    try {
      const profile = join(work, 'profile');
      await mkdir(join(profile, 'user'), { recursive: true });
      await mkdir(join(work, 'in'));
      await mkdir(join(work, 'out'));
      await mkdir(join(work, 'tmp'));
      await writeFile(join(profile, 'user', 'registrymodifications.xcu'), PROFILE_SETTINGS);
      // a copy under a plain name: LibreOffice never sees the stored object (nor writes beside
      // it), and the PDF is named after the copy, not after anything the contestant chose
      const source = join(work, 'in', 'slides.pptx');
      await copyFile(input, source, constants.COPYFILE_FICLONE);
      const soffice = [
        this.config.media.sofficePath,
        '--headless',
        '--invisible',
        '--nologo',
        '--norestore',
        '--nolockcheck',
        '--nodefault',
        `-env:UserInstallation=${pathToFileURL(resolve(profile)).href}`,
        '--convert-to',
        PDF_FILTER,
        '--outdir',
        join(work, 'out'),
        source,
      ];
      const isolated = await this.networkIsolation();
      const [cmd, ...args] = isolated ? ['unshare', '-rn', ...soffice] : soffice;
      const r = await this.spawnGroup(cmd, args, {
        timeoutMs,
        cwd: work,
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          HOME: work,
          TMPDIR: join(work, 'tmp'),
          LANG: 'C.UTF-8',
          SAL_USE_VCLPLUGIN: 'svp',
        },
      });
      if (r.stopped) throw new ConversionStopped('the service is stopping');
      if (r.timedOut) throw new ToolError(`soffice: stopped after ${timeoutMs} ms`);
      const pdf = join(work, 'out', 'slides.pdf');
      const made = await stat(pdf).catch(() => null);
      if (r.code !== 0 || !made?.size)
        throw new ToolError(`soffice (exit ${r.code}): ${r.stderr.trim().slice(0, 500)}`);
      await rename(pdf, out);
      return { size: made.size };
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }

  /** Whether LibreOffice can be given a network namespace of its own (checked once). */
  private networkIsolation(): Promise<boolean> {
    this.isolation ??= this.spawnGroup('unshare', ['-rn', 'true'], { timeoutMs: 5000 })
      .then(
        (r) => r.code === 0,
        () => false,
      )
      .then((ok) => {
        if (!ok)
          this.logger.warn(
            'unshare -rn is not permitted here: LibreOffice runs without a network namespace of its own (its profile blocks remote links)',
          );
        return ok;
      });
    return this.isolation;
  }

  /**
   * Runs a command as the leader of a new process group (LibreOffice's launcher starts the real
   * office as its child): on timeout or shutdown the whole group is killed, and anything of it
   * left when the leader exits too.
   */
  private spawnGroup(
    cmd: string,
    args: string[],
    opts: { timeoutMs: number; cwd?: string; env?: NodeJS.ProcessEnv },
  ): Promise<RunResult> {
    return new Promise((resolvePromise, reject) => {
      const child = spawn(cmd, args, {
        stdio: ['ignore', 'ignore', 'pipe'],
        cwd: opts.cwd,
        env: opts.env ?? process.env,
        detached: true,
      });
      const pid = child.pid;
      const killGroup = () => {
        if (!pid) return;
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          // the group is gone already
        }
      };
      if (pid) lowerPriority(pid);
      this.running.add(child);
      let stderr = '';
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        killGroup();
      }, opts.timeoutMs);
      child.stderr?.setEncoding('utf8').on('data', (c: string) => {
        if (stderr.length < 16_384) stderr += c;
      });
      child.on('error', (err) => {
        clearTimeout(timer);
        this.running.delete(child);
        reject(err);
      });
      // the leader ended: whatever it left of its group goes with it (and the pipes close)
      child.on('exit', killGroup);
      child.on('close', (code) => {
        clearTimeout(timer);
        this.running.delete(child);
        resolvePromise({ code, stderr, timedOut, stopped: this.stoppedRuns.has(child) });
      });
    });
  }

  /** Kills every conversion still running and waits for it to be gone. */
  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    const children = [...this.running];
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('close', () => done());
            this.stoppedRuns.add(child);
            try {
              if (child.pid) process.kill(-child.pid, 'SIGKILL');
            } catch {
              done();
            }
          }),
      ),
    );
  }
}
