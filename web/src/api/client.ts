import createClient from 'openapi-fetch';
import type { components, paths } from './schema';
import { currentLanguage, t } from '../i18n/index.svelte';

export type Schemas = components['schemas'];
export type User = Schemas['UserView'];
export type Contest = Schemas['ContestView'];
export type ContestDetail = Schemas['ContestDetailView'];
export type Category = Schemas['CategoryView'];
export type Round = Schemas['RoundView'];
export type Entry = Schemas['EntryView'];
export type EntrySummary = Schemas['EntrySummaryView'];
export type Media = Schemas['MediaView'];
export type OrgUnit = Schemas['OrgUnitView'];
export type ErrorBody = Schemas['ErrorBodyView'];
export type OwnRound = Schemas['OwnEntryRoundView'];

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The readable half of the CSRF pair (the service checks it against its cookie). */
export function csrfToken(): string {
  const m = /(?:^|;\s*)ht_csrf=([^;]+)/.exec(document.cookie);
  return m ? decodeURIComponent(m[1]) : '';
}

/** Headers every request carries: the language of the answers, the CSRF token, cookie mode. */
export function commonHeaders(method: string): Record<string, string> {
  const h: Record<string, string> = {
    'Accept-Language': currentLanguage(),
    'X-Auth-Mode': 'cookie',
  };
  if (UNSAFE.has(method.toUpperCase())) h['X-CSRF-Token'] = csrfToken();
  return h;
}

let refreshing: Promise<boolean> | null = null;

/** Trades the refresh cookie for new cookies (once at a time); false when the session is over. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= fetch('/auth/refresh', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { ...commonHeaders('POST'), 'Content-Type': 'application/json' },
    body: '{}',
  })
    .then((r) => r.ok)
    .catch(() => false)
    .finally(() => (refreshing = null));
  return refreshing;
}

const NO_RETRY = /\/auth\/(login|register|refresh|logout|password\/)/;

declare global {
  interface Window {
    /** Answers the page started before the app ran (web/src/early-fetch.js), by path and query. */
    __hoithiEarly?: Map<string, Promise<Response>>;
  }
}

/** The answer the page already asked for this GET, taken once (later calls ask the service). */
function takeEarly(request: Request): Promise<Response> | undefined {
  if (request.method !== 'GET' || !window.__hoithiEarly?.size) return undefined;
  const url = new URL(request.url);
  const key = url.pathname + url.search;
  const early = window.__hoithiEarly.get(key);
  window.__hoithiEarly.delete(key);
  return early;
}

/** fetch with the session's cookies; an expired access cookie is refreshed once and retried. */
async function sessionFetch(request: Request): Promise<Response> {
  const retry = request.clone();
  for (const [k, v] of Object.entries(commonHeaders(request.method))) request.headers.set(k, v);
  const early = takeEarly(request);
  const res = early ? await early.catch(() => fetch(request)) : await fetch(request);
  if (res.status !== 401 || NO_RETRY.test(new URL(request.url).pathname)) return res;
  if (!(await refreshSession())) {
    // the session is over: log in again (the screen's own request answers as refused)
    if (!/^#\/(login|register|forgot)/.test(location.hash)) location.hash = '#/login';
    return res;
  }
  for (const [k, v] of Object.entries(commonHeaders(retry.method))) retry.headers.set(k, v);
  return fetch(retry);
}

export const api = createClient<paths>({
  baseUrl: location.origin,
  credentials: 'same-origin',
  fetch: sessionFetch,
});

/** An entry as its own unit reads it (GET /entries/{id} answers judges another shape). */
export function ownEntry(
  data: Schemas['EntryView'] | Schemas['JudgeEntryView'] | undefined,
): Entry | null {
  return data && 'allowedActions' in data ? data : null;
}

/** The service's sentence for an error body (in the app's language), or a general one. */
export function errorText(error: unknown, fallback: string): string {
  const body = error as Partial<ErrorBody> | undefined;
  return typeof body?.message === 'string' && body.message ? body.message : fallback;
}

/** Per-field sentences of a validation error body. */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of (error as Partial<ErrorBody> | undefined)?.errors ?? [])
    out[e.field] ??= e.message;
  return out;
}

/** A form's request as its screen shows the outcome. */
export interface Sent<T> {
  ok: boolean;
  data?: T;
  /** the sentence to show when refused (the service's, or that the network is down) */
  message: string;
  /** per-field sentences of a refusal */
  errors: Record<string, string>;
}

/** Sends a form's request: its answer, or what to tell the person (never throws). */
export async function send<T>(
  request: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<Sent<T>> {
  try {
    const { data, error, response } = await request;
    if (response.ok) return { ok: true, data, message: '', errors: {} };
    return { ok: false, message: errorText(error, t('error.general')), errors: fieldErrors(error) };
  } catch {
    return { ok: false, message: t('error.network'), errors: {} };
  }
}
