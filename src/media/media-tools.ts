import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ChildProcess, fork, spawn } from 'node:child_process';
import { availableParallelism, setPriority } from 'node:os';
import { createReadStream } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import {
  DerivativeOutput,
  DerivativesRequest,
  DerivativesResult,
  WORKER_NICE,
  WorkerReply,
} from './image-worker';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';

export interface ProbeFacts {
  durationSeconds: number;
  container: string;
  video?: { codec: string; width: number; height: number; pixFmt?: string; rotation: number };
  audio?: { codec: string };
}

export interface ImageOutput {
  path: string;
  width: number;
  height: number;
  /** Hash and size of the written file, computed by the image worker as it wrote it. */
  sha256?: string;
  size?: number;
}

/** Output of a tool that did not finish; kept short for the job's error record. */
export class ToolError extends Error {}

/** The image worker went away with the request: a reason to try again, not to refuse the file. */
export class ImageWorkerUnavailable extends Error {}

export function lowerPriority(pid: number) {
  try {
    setPriority(pid, WORKER_NICE);
  } catch {
    // not permitted: the tool runs at the API's priority
  }
}

/**
 * The API's side of the image worker: one child process, started when this process starts
 * taking jobs (or on first use) and again after it died (requests it had are failed, and their jobs retried), stopped with the application.
 */
class ImageWorkerClient {
  private readonly logger = new Logger('ImageWorker');
  private child?: ChildProcess;
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (r: DerivativesResult) => void; reject: (e: Error) => void }
  >();

  private start(): ChildProcess {
    // from the build (.js) or, under the tests, from the source (.ts, by Node's type stripping)
    const fromSource = __filename.endsWith('.ts');
    const script = join(__dirname, `image-worker${fromSource ? '.ts' : '.js'}`);
    const cores = String(availableParallelism());
    const child = fork(script, [], {
      execArgv: fromSource ? ['--disable-warning=MODULE_TYPELESS_PACKAGE_JSON'] : [],
      env: { ...process.env, HOITHI_IMAGE_WORKER: '1', UV_THREADPOOL_SIZE: cores },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    child.on('message', (msg: WorkerReply) => {
      const waiter = this.pending.get(msg.id);
      if (!waiter) return;
      this.pending.delete(msg.id);
      if (msg.ok) waiter.resolve(msg.result);
      else waiter.reject(new ToolError(msg.message));
    });
    const gone = (why: string) => {
      if (this.child !== child) return;
      this.child = undefined;
      for (const [id, waiter] of this.pending) {
        this.pending.delete(id);
        waiter.reject(new ImageWorkerUnavailable(`image worker ${why}`));
      }
    };
    child.on('exit', (code, signal) => {
      // stopped on purpose (stop() lets go of it first): nothing to report
      if (code !== 0 && this.child === child)
        this.logger.warn(`image worker exited (${signal ?? code})`);
      gone(`exited (${signal ?? code})`);
    });
    child.on('error', (err) => gone(err.message));
    child.unref();
    child.channel?.unref();
    return child;
  }

  /** Starts the worker now if it is not running (it is ready by the time work arrives). */
  warm() {
    this.child ??= this.start();
  }

  request(
    path: string,
    outputs: DerivativeOutput[],
    maxPixels: number,
  ): Promise<DerivativesResult> {
    this.child ??= this.start();
    const child = this.child;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const msg: DerivativesRequest = { id, op: 'derivatives', path, outputs, maxPixels };
      child.send(msg, (err) => {
        if (!err) return;
        this.pending.delete(id);
        reject(new ImageWorkerUnavailable(`image worker: ${err.message}`));
      });
    });
  }

  /** Stops the worker and waits for it to be gone (2 s, then SIGKILL), so no process outlives ours. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    for (const waiter of this.pending.values())
      waiter.reject(new ImageWorkerUnavailable('image worker stopped'));
    this.pending.clear();
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
    await exited;
    clearTimeout(timer);
  }
}

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The only code that runs sharp, ffprobe, ffmpeg and pdftoppm. sharp works on libuv's thread
 * pool; the others are child processes, so none of it runs on the event loop.
 */
@Injectable()
export class MediaTools implements OnApplicationShutdown {
  private worker?: ImageWorkerClient;
  private toolCache = new Map<string, { at: number; ok: boolean }>();
  readonly threads = Math.max(1, availableParallelism());

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    sharp.cache(false);
  }

  private run(
    cmd: string,
    args: string[],
    opts: { timeoutMs?: number; onStdout?: (chunk: string) => void } = {},
  ): Promise<RunResult> {
    return new Promise((resolve, reject) => {
      // this process's environment as it is now (tools are looked up on its PATH)
      const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
      // decoders and encoders yield to the API (their threads inherit this priority)
      if (child.pid) lowerPriority(child.pid);
      let stdout = '';
      let stderr = '';
      const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 15 * 60_000);
      child.stdout.setEncoding('utf8').on('data', (c: string) => {
        if (opts.onStdout) opts.onStdout(c);
        else if (stdout.length < 4 * 1024 * 1024) stdout += c;
      });
      child.stderr.setEncoding('utf8').on('data', (c: string) => {
        if (stderr.length < 16_384) stderr += c;
      });
      child.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
    });
  }

  /** Whether a tool answers (cached for a few seconds). */
  async available(tool: 'ffmpeg' | 'ffprobe' | 'pdftoppm' | 'pdfinfo'): Promise<boolean> {
    const cached = this.toolCache.get(tool);
    if (cached && Date.now() - cached.at < 5000) return cached.ok;
    const cmd =
      tool === 'ffmpeg'
        ? this.config.media.ffmpegPath
        : tool === 'ffprobe'
          ? this.config.media.ffprobePath
          : tool;
    // poppler's tools answer -v (their -version is an error)
    const poppler = tool === 'pdftoppm' || tool === 'pdfinfo';
    const ok = await this.run(cmd, [poppler ? '-v' : '-version'], {
      timeoutMs: 5000,
    }).then(
      (r) => r.code === 0,
      () => false,
    );
    this.toolCache.set(tool, { at: Date.now(), ok });
    return ok;
  }

  // --- images -------------------------------------------------------------------------------

  /** Reads only the header: dimensions and format, without decoding pixels. */
  async imageHeader(
    path: string,
  ): Promise<{ width: number; height: number; format?: string; orientation?: number }> {
    const m = await sharp(path, { limitInputPixels: false }).metadata();
    return {
      width: m.width ?? 0,
      height: m.height ?? 0,
      format: m.format,
      orientation: m.orientation,
    };
  }

  /**
   * Decodes the whole image (a truncated or corrupt file fails here), applies the EXIF
   * orientation and writes WebP derivatives without any metadata. Runs in the image worker
   * process (see image-worker.ts), never on this process's threads.
   */
  imageDerivatives(
    path: string,
    outputs: DerivativeOutput[],
  ): Promise<{ width: number; height: number; outputs: ImageOutput[] }> {
    return this.imageWorker().request(path, outputs, this.config.media.maxPixels);
  }

  /** Starts the image worker ahead of the first image (when this process starts taking jobs). */
  warmImageWorker(): void {
    this.imageWorker().warm();
  }

  private imageWorker(): ImageWorkerClient {
    this.worker ??= new ImageWorkerClient();
    return this.worker;
  }

  async onApplicationShutdown(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.stop();
  }

  // --- audio and video ------------------------------------------------------------------------

  async probe(path: string): Promise<ProbeFacts> {
    const r = await this.run(
      this.config.media.ffprobePath,
      ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', path],
      { timeoutMs: 60_000 },
    );
    if (r.code !== 0) throw new ToolError(`ffprobe: ${r.stderr.trim().slice(0, 500)}`);
    const data = JSON.parse(r.stdout) as {
      format?: { duration?: string; format_name?: string };
      streams?: {
        codec_type?: string;
        codec_name?: string;
        width?: number;
        height?: number;
        pix_fmt?: string;
        duration?: string;
        tags?: Record<string, string>;
        side_data_list?: { rotation?: number }[];
        disposition?: { attached_pic?: number };
      }[];
    };
    const streams = data.streams ?? [];
    const v = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
    const a = streams.find((s) => s.codec_type === 'audio');
    const duration = Number(data.format?.duration ?? v?.duration ?? a?.duration ?? 0);
    let rotation = 0;
    if (v) {
      const side = v.side_data_list?.find((s) => typeof s.rotation === 'number')?.rotation;
      rotation = Number(side ?? v.tags?.rotate ?? 0);
      rotation = (((Math.round(rotation / 90) * 90) % 360) + 360) % 360;
    }
    return {
      durationSeconds: Number.isFinite(duration) ? duration : 0,
      container: data.format?.format_name ?? 'unknown',
      video: v
        ? {
            codec: v.codec_name ?? 'unknown',
            width: v.width ?? 0,
            height: v.height ?? 0,
            pixFmt: v.pix_fmt,
            rotation,
          }
        : undefined,
      audio: a ? { codec: a.codec_name ?? 'unknown' } : undefined,
    };
  }

  /** One frame as PNG (orientation applied), at most 1280 px on its longer side. */
  async posterFrame(path: string, atSeconds: number, out: string): Promise<void> {
    const r = await this.run(
      this.config.media.ffmpegPath,
      [
        '-v',
        'error',
        '-nostdin',
        '-ss',
        atSeconds.toFixed(2),
        '-i',
        path,
        '-frames:v',
        '1',
        '-vf',
        "scale='if(gt(iw,ih),min(1280,iw),-2)':'if(gt(iw,ih),-2,min(1280,ih))'",
        '-map_metadata',
        '-1',
        '-f',
        'image2',
        '-c:v',
        'png',
        '-y',
        out,
      ],
      { timeoutMs: 120_000 },
    );
    if (r.code !== 0) throw new ToolError(`ffmpeg poster: ${r.stderr.trim().slice(0, 500)}`);
  }

  /**
   * A browser-playable MP4 (H.264/AAC) without metadata: copied when the streams already play,
   * transcoded otherwise. `onProgress` receives 0..1.
   */
  async playableVideo(
    path: string,
    out: string,
    copy: boolean,
    durationSeconds: number,
    onProgress: (fraction: number) => void,
  ): Promise<void> {
    const codec = copy
      ? ['-c', 'copy']
      : [
          '-vf',
          "scale='if(gt(iw,ih),min(1280,iw),-2)':'if(gt(iw,ih),-2,min(1280,ih))'",
          '-c:v',
          'libx264',
          '-preset',
          'veryfast',
          '-crf',
          '23',
          '-pix_fmt',
          'yuv420p',
          '-c:a',
          'aac',
          '-b:a',
          '128k',
          '-threads',
          String(this.threads),
        ];
    await this.ffmpegWithProgress(
      [
        '-i',
        path,
        '-map',
        '0:v:0',
        '-map',
        '0:a:0?',
        ...codec,
        '-map_metadata',
        '-1',
        '-movflags',
        '+faststart',
        '-f',
        'mp4',
        '-y',
        out,
      ],
      durationSeconds,
      onProgress,
    );
  }

  /**
   * A light copy of a clip for weak mobile links: at most 360 pixels on its shorter side, about
   * 400 kbit/s of video and 64 kbit/s of mono audio, its index first (plays while it arrives).
   */
  async mobileVideo(path: string, out: string, durationSeconds: number): Promise<void> {
    await this.ffmpegWithProgress(
      [
        '-i',
        path,
        '-map',
        '0:v:0',
        '-map',
        '0:a:0?',
        '-vf',
        "scale='if(gt(iw,ih),-2,min(360,iw))':'if(gt(iw,ih),min(360,ih),-2)'",
        '-c:v',
        'libx264',
        '-preset',
        'veryfast',
        '-crf',
        '28',
        '-maxrate',
        '400k',
        '-bufsize',
        '800k',
        '-pix_fmt',
        'yuv420p',
        '-c:a',
        'aac',
        '-b:a',
        '64k',
        '-ac',
        '1',
        '-threads',
        String(this.threads),
        '-map_metadata',
        '-1',
        '-movflags',
        '+faststart',
        '-f',
        'mp4',
        '-y',
        out,
      ],
      durationSeconds,
      () => undefined,
    );
  }

  async playableAudio(
    path: string,
    out: string,
    copy: boolean,
    durationSeconds: number,
    onProgress: (fraction: number) => void,
  ): Promise<void> {
    const codec = copy ? ['-c:a', 'copy'] : ['-c:a', 'aac', '-b:a', '160k'];
    await this.ffmpegWithProgress(
      [
        '-i',
        path,
        '-map',
        '0:a:0',
        '-vn',
        ...codec,
        '-map_metadata',
        '-1',
        '-movflags',
        '+faststart',
        '-f',
        'mp4',
        '-y',
        out,
      ],
      durationSeconds,
      onProgress,
    );
  }

  private async ffmpegWithProgress(
    args: string[],
    duration: number,
    onProgress: (f: number) => void,
  ) {
    let buffered = '';
    const r = await this.run(
      this.config.media.ffmpegPath,
      ['-v', 'error', '-nostdin', '-progress', 'pipe:1', '-nostats', ...args],
      {
        onStdout: (chunk) => {
          buffered += chunk;
          const lines = buffered.split('\n');
          buffered = lines.pop() ?? '';
          for (const line of lines) {
            const m = /^out_time_us=(\d+)/.exec(line);
            if (m && duration > 0) onProgress(Math.min(1, Number(m[1]) / 1e6 / duration));
          }
        },
      },
    );
    if (r.code !== 0) throw new ToolError(`ffmpeg: ${r.stderr.trim().slice(0, 500)}`);
  }

  // --- documents ------------------------------------------------------------------------------

  /**
   * Scans a PDF (streaming, with overlap between chunks) for its page count and for active
   * content: JavaScript, launch actions, embedded files.
   */
  async scanPdf(path: string): Promise<{ pages: number | null; active: string | null }> {
    let carry = '';
    let pagesCount: number | null = null;
    let pageObjects = 0;
    let active: string | null = null;
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
      const text = carry + (chunk as Buffer).toString('latin1');
      const m =
        /\/(JavaScript|Launch|EmbeddedFile|RichMedia|XFA)\b|\/(JS)\s*(?:\(|<|\d+\s+\d+\s+R)/.exec(
          text,
        );
      if (m && !active) active = m[1] ?? m[2];
      for (const c of text.matchAll(
        /\/Type\s*\/Pages\b[^>]{0,400}?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]{0,400}?\/Type\s*\/Pages\b/g,
      )) {
        pagesCount = Math.max(pagesCount ?? 0, Number(c[1] ?? c[2]));
      }
      // count /Type /Page objects only in the new part (the carry was counted already)
      const fresh = text.slice(Math.max(0, carry.length - 32));
      pageObjects += (fresh.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
      carry = text.slice(-2048);
    }
    return { pages: pagesCount ?? (pageObjects || null), active };
  }

  /**
   * A copy of a PDF whose document information (author, title, creator...) and XMP metadata
   * are emptied byte for byte, so cross-reference offsets stay valid: each string becomes an
   * empty one followed by spaces (`/Author ()      `), the XMP packet spaces.
   */
  async anonymizedPdf(path: string, out: string): Promise<void> {
    const buf = await readFile(path);
    const text = buf.toString('latin1');
    const blank = (start: number, end: number) => buf.fill(0x20, start, end);
    /** `open` and `close` are the string's delimiters: it becomes `()` or `<>` and spaces. */
    const empty = (open: number, close: number) => {
      buf[open + 1] = buf[close];
      blank(open + 2, close + 1);
    };
    for (const m of text.matchAll(/\/(Author|Creator|Producer|Title|Subject|Keywords)\s*\(/g)) {
      let i = m.index + m[0].length;
      let depth = 1;
      const start = i;
      while (i < text.length && depth > 0) {
        const c = text[i];
        if (c === '\\') i++;
        else if (c === '(') depth++;
        else if (c === ')') depth--;
        i++;
      }
      // an unterminated string (a damaged file) is blanked up to the end, not closed
      if (depth === 0) empty(start - 1, i - 1);
      else blank(start, i - 1);
    }
    for (const m of text.matchAll(
      /\/(Author|Creator|Producer|Title|Subject|Keywords)\s*<([0-9A-Fa-f\s]*)>/g,
    )) {
      const open = m.index + m[0].indexOf('<');
      empty(open, open + 1 + m[2].length);
    }
    for (const m of text.matchAll(/<x:xmpmeta[\s\S]*?<\/x:xmpmeta>/g))
      blank(m.index, m.index + m[0].length);
    await writeFile(out, buf);
  }

  /** A PDF's page count as poppler reads it (null when pdfinfo is missing or fails). */
  async pdfPageCount(path: string): Promise<number | null> {
    if (!(await this.available('pdfinfo'))) return null;
    const r = await this.run('pdfinfo', [path], { timeoutMs: 60_000 }).catch(() => null);
    const m = r?.code === 0 ? /^Pages:\s+(\d+)\s*$/m.exec(r.stdout) : null;
    return m ? Number(m[1]) : null;
  }

  /**
   * Page `page` (from 1) of a PDF as PNG, its longer side `longSide` pixels, when poppler's
   * pdftoppm is installed; null when it is not or the page cannot be drawn (past the last one).
   */
  async pdfPage(
    path: string,
    page: number,
    outPrefix: string,
    longSide = 1280,
  ): Promise<string | null> {
    if (!(await this.available('pdftoppm'))) return null;
    const n = String(page);
    const r = await this.run(
      'pdftoppm',
      ['-f', n, '-l', n, '-singlefile', '-scale-to', String(longSide), '-png', path, outPrefix],
      { timeoutMs: 120_000 },
    );
    if (r.code === 0) return `${outPrefix}.png`;
    // whatever a failed run left behind
    await rm(`${outPrefix}.png`, { force: true });
    return null;
  }
}
