import type * as Tus from 'tus-js-client';
import tusScript from '$vendor/tus.js?url';
import { commonHeaders, refreshSession } from '../api/client';
import { t } from '../i18n/index.svelte';

export const TUS_ENDPOINT = '/media/uploads/tus';

/** Waits before each new try after a failure: quickly at first, then every 20 s, for long. */
const RETRY_DELAYS = [0, 1000, 3000, 5000, 10000, ...Array<number>(200).fill(20000)];

export type UploadState = 'checking' | 'sending' | 'paused' | 'offline' | 'done' | 'refused';

/**
 * tus-js-client, fetched when the first file is chosen (the screen opens without it): its
 * published browser build, which sets `window.tus`.
 */
let library: Promise<typeof Tus> | null = null;
const tusLibrary = () =>
  (library ??= import(/* @vite-ignore */ tusScript).then(() => (window as unknown as { tus: typeof Tus }).tus));

/** One file being sent, as the screen shows it. */
export class FileUpload {
  name: string;
  size: number;
  state = $state<UploadState>('checking');
  sent = $state(0);
  /** bytes per second over the last seconds */
  speed = $state(0);
  message = $state('');
  /** the service's error code of a refusal */
  code = $state('');
  resumed = $state(false);
  private upload!: Tus.Upload;
  private samples: { at: number; bytes: number }[] = [];
  private shownAt = 0;
  private readonly onOnline = () => {
    if (this.state === 'offline') this.start();
  };
  /**
   * The phone says the network is gone: stop sending (a request in flight may hang, or in some
   * browsers go on and be lost) and go on from the service's offset once it is back.
   */
  private readonly onOffline = () => {
    if (this.state !== 'sending' && this.state !== 'checking') return;
    void this.upload?.abort(false);
    this.state = 'offline';
    this.speed = 0;
  };

  constructor(
    private readonly file: File,
    private readonly entryId: string,
    private readonly finished: (upload: FileUpload) => void,
  ) {
    this.name = file.name;
    this.size = file.size;
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
  }

  /** Starts, continuing an unfinished upload of the same file (stored fingerprint) if any. */
  async begin(): Promise<void> {
    const tus = await tusLibrary();
    const { file, entryId } = this;
    this.upload = new tus.Upload(file, {
      endpoint: TUS_ENDPOINT,
      metadata: { entryId, filename: file.name, filetype: file.type || 'application/octet-stream' },
      retryDelays: RETRY_DELAYS,
      removeFingerprintOnSuccess: true,
      // the session's cookies, its CSRF token and the language of the service's sentences
      onBeforeRequest: (req) => {
        for (const [k, v] of Object.entries(commonHeaders(req.getMethod()))) req.setHeader(k, v);
        const xhr = req.getUnderlyingObject() as XMLHttpRequest;
        xhr.withCredentials = true;
      },
      onShouldRetry: (err) => {
        const status = err.originalResponse?.getStatus() ?? 0;
        if (status === 401) {
          void refreshSession();
          return true;
        }
        // refused by the rules (type, size, count, the deadline): said once, not retried
        if (status >= 400 && status < 500 && status !== 409 && status !== 423 && status !== 408)
          return false;
        if (!navigator.onLine) this.state = 'offline';
        return true;
      },
      onProgress: (bytes) => this.progress(bytes),
      onSuccess: () => {
        this.sent = this.size;
        this.state = 'done';
        this.stopWatching();
        this.finished(this);
      },
      onError: (err) => {
        this.stopWatching();
        this.state = 'refused';
        const said = serviceError(err);
        this.code = said?.code ?? '';
        this.message = said?.message ?? t('upload.failed');
        // a refused file is no upload to continue later
        void forget(entryId, file.name);
      },
    });
    const previous = await this.upload.findPreviousUploads();
    if (previous.length) {
      this.upload.resumeFromPreviousUpload(previous[0]);
      this.resumed = true;
    }
    this.start();
  }

  start(): void {
    if (!this.upload) {
      void this.begin();
      return;
    }
    this.state = this.sent > 0 || this.resumed ? 'sending' : 'checking';
    this.samples = [];
    this.upload.start();
  }

  pause(): void {
    void this.upload?.abort(false);
    this.state = 'paused';
    this.speed = 0;
  }

  /** Seconds left at the current speed (null when not known). */
  get secondsLeft(): number | null {
    return this.speed > 0 ? Math.ceil((this.size - this.sent) / this.speed) : null;
  }

  private progress(bytes: number): void {
    if (this.state === 'checking' || this.state === 'offline') this.state = 'sending';
    // the screen is redrawn a few times a second, not on each of the browser's progress events
    const now = performance.now();
    if (now - this.shownAt < 250 && bytes < this.size) return;
    this.shownAt = now;
    this.sent = bytes;
    this.samples.push({ at: now, bytes });
    while (this.samples.length > 2 && now - this.samples[0].at > 5000) this.samples.shift();
    const first = this.samples[0];
    if (now - first.at > 500) this.speed = ((bytes - first.bytes) * 1000) / (now - first.at);
  }

  private stopWatching(): void {
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
  }
}

/** The service's own code and sentence from a refused tus request (its error body), if any. */
function serviceError(err: Error): { code: string; message: string } | null {
  const res = (err as Tus.DetailedError).originalResponse;
  if (!res) return null;
  try {
    const body = JSON.parse(res.getBody()) as { code?: string; message?: string };
    return typeof body.message === 'string' ? { code: String(body.code ?? ''), message: body.message } : null;
  } catch {
    return null;
  }
}

async function forget(entryId: string, name: string): Promise<void> {
  const storage = (await tusLibrary()).defaultOptions.urlStorage;
  if (!storage) return;
  for (const u of await storage.findAllUploads())
    if (u.metadata?.entryId === entryId && u.metadata?.filename === name && u.urlStorageKey)
      await storage.removeUpload(u.urlStorageKey);
}

/** Files of this entry whose upload stopped before the end (kept by tus-js-client). */
export async function unfinishedUploads(entryId: string): Promise<string[]> {
  const storage = (await tusLibrary()).defaultOptions.urlStorage;
  const all = storage ? await storage.findAllUploads() : [];
  return all
    .filter((u) => u.metadata?.entryId === entryId)
    .map((u) => u.metadata?.filename ?? '')
    .filter(Boolean);
}
