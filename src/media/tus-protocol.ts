/** The parts of the tus 1.0.0 protocol that are plain values and parsing (no I/O). */

export const TUS_VERSION = '1.0.0';
export const TUS_CONTENT_TYPE = 'application/offset+octet-stream';
/** creation-defer-length and concatenation are not offered: a length is declared up front. */
export const TUS_EXTENSIONS = 'creation,creation-with-upload,termination,expiration';
/** Response headers a browser client must be allowed to read. */
export const TUS_EXPOSED_HEADERS = [
  'Location',
  'Media-Id',
  'Tus-Extension',
  'Tus-Max-Size',
  'Tus-Resumable',
  'Tus-Version',
  'Upload-Expires',
  'Upload-Length',
  'Upload-Metadata',
  'Upload-Offset',
].join(', ');

/** A non-negative integer header (Upload-Length, Upload-Offset), else null. */
export function parseSize(value: string | string[] | undefined): number | null {
  if (typeof value !== 'string' || !/^(0|[1-9]\d{0,15})$/.test(value)) return null;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : null;
}

const BASE64 = /^[\d+/A-Za-z]*={0,2}$/;

/**
 * Upload-Metadata: comma-separated pairs of an ASCII key (no space or comma) and a base64
 * value (or a key alone); keys unique. Null when malformed.
 */
export function parseMetadata(
  value: string | string[] | undefined,
): Record<string, string | null> | null {
  if (typeof value !== 'string' || !value.trim()) return null;
  const meta: Record<string, string | null> = Object.create(null) as Record<string, string | null>;
  for (const pair of value.split(',')) {
    const tokens = pair.trim().split(' ');
    const [key, encoded] = tokens;
    if (tokens.length > 2 || !key || !/^[\x21-\x2b\x2d-\x7e]+$/.test(key) || key in meta)
      return null;
    if (encoded === undefined) {
      meta[key] = null;
      continue;
    }
    if (encoded.length % 4 !== 0 || !BASE64.test(encoded)) return null;
    meta[key] = Buffer.from(encoded, 'base64').toString('utf8');
  }
  return { ...meta };
}

export function stringifyMetadata(meta: Record<string, string | null>): string {
  return Object.entries(meta)
    .map(([key, v]) => (v === null ? key : `${key} ${Buffer.from(v, 'utf8').toString('base64')}`))
    .join(',');
}
