export type MediaKindName = 'video' | 'image' | 'audio' | 'document';

export interface SniffedFormat {
  format: string;
  kind: MediaKindName;
  mime: string;
  /** Extensions a file of this format may carry. */
  extensions: string[];
}

export type SniffResult =
  | { ok: true; type: SniffedFormat }
  /** A zip container: an office document only if its parts say so (see checkOoxml). */
  | { ok: 'zip' }
  | { ok: false; reason: 'executable' | 'markup' | 'script' | 'unsupported' };

const F = (
  format: string,
  kind: MediaKindName,
  mime: string,
  extensions: string[],
): SniffedFormat => ({
  format,
  kind,
  mime,
  extensions,
});

export const FORMATS = {
  jpeg: F('jpeg', 'image', 'image/jpeg', ['jpg', 'jpeg', 'jfif']),
  png: F('png', 'image', 'image/png', ['png']),
  gif: F('gif', 'image', 'image/gif', ['gif']),
  webp: F('webp', 'image', 'image/webp', ['webp']),
  avif: F('avif', 'image', 'image/avif', ['avif']),
  tiff: F('tiff', 'image', 'image/tiff', ['tif', 'tiff']),
  mp4: F('mp4', 'video', 'video/mp4', ['mp4', 'm4v']),
  mov: F('mov', 'video', 'video/quicktime', ['mov', 'qt']),
  '3gp': F('3gp', 'video', 'video/3gpp', ['3gp', '3gpp']),
  webm: F('webm', 'video', 'video/webm', ['webm']),
  mkv: F('mkv', 'video', 'video/x-matroska', ['mkv']),
  avi: F('avi', 'video', 'video/x-msvideo', ['avi']),
  m4a: F('m4a', 'audio', 'audio/mp4', ['m4a', 'mp4', 'aac']),
  mp3: F('mp3', 'audio', 'audio/mpeg', ['mp3']),
  aac: F('aac', 'audio', 'audio/aac', ['aac']),
  wav: F('wav', 'audio', 'audio/wav', ['wav']),
  ogg: F('ogg', 'audio', 'audio/ogg', ['ogg', 'oga', 'opus']),
  flac: F('flac', 'audio', 'audio/flac', ['flac']),
  pdf: F('pdf', 'document', 'application/pdf', ['pdf']),
  docx: F(
    'docx',
    'document',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ['docx'],
  ),
  pptx: F(
    'pptx',
    'document',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    ['pptx', 'ppsx'],
  ),
  xlsx: F('xlsx', 'document', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', [
    'xlsx',
  ]),
} satisfies Record<string, SniffedFormat>;

const ALL_FORMATS: SniffedFormat[] = Object.values(FORMATS);

/** Declared types that say nothing about the content. */
const NEUTRAL_TYPES = new Set(['', 'application/octet-stream', 'binary/octet-stream']);
/** Declared types accepted as synonyms of a detected one. */
const ALIASES: Record<string, string[]> = {
  'image/jpeg': ['image/jpg', 'image/pjpeg'],
  'audio/mpeg': ['audio/mp3'],
  'audio/wav': ['audio/x-wav', 'audio/wave', 'audio/vnd.wave'],
  'audio/mp4': ['audio/x-m4a', 'audio/m4a', 'video/mp4', 'audio/aac'],
  'audio/aac': ['audio/x-aac'],
  'video/quicktime': ['video/mp4'],
  'video/mp4': ['video/quicktime'],
  'audio/flac': ['audio/x-flac'],
  'video/x-matroska': ['video/webm'],
  'application/pdf': ['application/x-pdf'],
};

const EXECUTABLE_EXTENSIONS = new Set([
  'exe',
  'dll',
  'com',
  'bat',
  'cmd',
  'msi',
  'scr',
  'ps1',
  'vbs',
  'js',
  'mjs',
  'jar',
  'sh',
  'apk',
  'app',
  'html',
  'htm',
  'xhtml',
  'svg',
  'svgz',
  'php',
  'py',
  'pl',
  'rb',
  'hta',
  'lnk',
  'elf',
  'bin',
]);

function ascii(buf: Buffer, start: number, end: number) {
  return buf.toString('latin1', start, Math.min(end, buf.length));
}

/** Identifies a file from its first bytes (4 KB are plenty), never from its name. */
export function sniff(head: Buffer): SniffResult {
  const b = head;
  const at = (offset: number, ...bytes: number[]) => bytes.every((x, i) => b[offset + i] === x);
  if (b.length < 4) return { ok: false, reason: 'unsupported' };
  // executables and scripts first
  if (at(0, 0x4d, 0x5a)) return { ok: false, reason: 'executable' }; // MZ (Windows)
  if (at(0, 0x7f, 0x45, 0x4c, 0x46)) return { ok: false, reason: 'executable' }; // ELF
  if (
    at(0, 0xfe, 0xed, 0xfa, 0xce) ||
    at(0, 0xfe, 0xed, 0xfa, 0xcf) ||
    at(0, 0xce, 0xfa, 0xed, 0xfe) ||
    at(0, 0xcf, 0xfa, 0xed, 0xfe) ||
    at(0, 0xca, 0xfe, 0xba, 0xbe)
  )
    return { ok: false, reason: 'executable' }; // Mach-O, Java class
  if (at(0, 0x00, 0x61, 0x73, 0x6d)) return { ok: false, reason: 'executable' }; // WebAssembly
  if (at(0, 0x23, 0x21)) return { ok: false, reason: 'script' }; // #!
  if (ascii(b, 0, 4) === '%!PS') return { ok: false, reason: 'script' }; // PostScript
  // images
  if (at(0, 0xff, 0xd8, 0xff)) return { ok: true, type: FORMATS.jpeg };
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return { ok: true, type: FORMATS.png };
  if (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a')
    return { ok: true, type: FORMATS.gif };
  if (ascii(b, 0, 4) === 'RIFF') {
    const form = ascii(b, 8, 12);
    if (form === 'WEBP') return { ok: true, type: FORMATS.webp };
    if (form === 'WAVE') return { ok: true, type: FORMATS.wav };
    if (form === 'AVI ') return { ok: true, type: FORMATS.avi };
    return { ok: false, reason: 'unsupported' };
  }
  if (at(0, 0x49, 0x49, 0x2a, 0x00) || at(0, 0x4d, 0x4d, 0x00, 0x2a))
    return { ok: true, type: FORMATS.tiff };
  // ISO base media (mp4, mov, m4a, 3gp, avif)
  if (ascii(b, 4, 8) === 'ftyp') {
    const brand = ascii(b, 8, 12);
    if (brand === 'avif' || brand === 'avis') return { ok: true, type: FORMATS.avif };
    if (['heic', 'heix', 'hevc', 'mif1', 'msf1'].includes(brand))
      return { ok: false, reason: 'unsupported' };
    if (brand === 'M4A ' || brand === 'M4B ' || brand === 'M4P ')
      return { ok: true, type: FORMATS.m4a };
    if (brand === 'qt  ') return { ok: true, type: FORMATS.mov };
    if (brand.startsWith('3g')) return { ok: true, type: FORMATS['3gp'] };
    return { ok: true, type: FORMATS.mp4 };
  }
  if (at(0, 0x1a, 0x45, 0xdf, 0xa3)) {
    return { ok: true, type: ascii(b, 0, 64).includes('webm') ? FORMATS.webm : FORMATS.mkv };
  }
  // audio
  if (ascii(b, 0, 3) === 'ID3') return { ok: true, type: FORMATS.mp3 };
  if (b[0] === 0xff && (b[1] & 0xf6) === 0xf0) return { ok: true, type: FORMATS.aac }; // ADTS
  if (b[0] === 0xff && (b[1] & 0xe0) === 0xe0) return { ok: true, type: FORMATS.mp3 }; // MPEG frame
  if (ascii(b, 0, 4) === 'OggS') return { ok: true, type: FORMATS.ogg };
  if (ascii(b, 0, 4) === 'fLaC') return { ok: true, type: FORMATS.flac };
  // documents
  if (ascii(b, 0, 5) === '%PDF-') return { ok: true, type: FORMATS.pdf };
  if (at(0, 0x50, 0x4b, 0x03, 0x04)) return { ok: 'zip' };
  // text that a browser could run: SVG, HTML, XML
  const text = ascii(b, 0, 1024)
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
    .trimStart()
    .toLowerCase();
  if (text.startsWith('<')) return { ok: false, reason: 'markup' };
  return { ok: false, reason: 'unsupported' };
}

/** Markup or script hidden in a binary file (polyglots such as a PNG with HTML appended). */
export function containsMarkup(buf: Buffer): boolean {
  const text = buf.toString('latin1').toLowerCase();
  return /<(script|html|body|iframe|svg|object|embed|\?php)[\s>/]|<!doctype\s+html|javascript:/.test(
    text,
  );
}

/** Whether the declared type and extension agree with the detected format. */
export function declaredMismatch(
  type: SniffedFormat,
  declaredType: string | undefined,
  extension: string,
): { field: 'type' | 'extension'; declared: string } | null {
  if (EXECUTABLE_EXTENSIONS.has(extension)) return { field: 'extension', declared: extension };
  const declared = (declaredType ?? '').split(';')[0].trim().toLowerCase();
  if (!NEUTRAL_TYPES.has(declared)) {
    const accepted = [type.mime, ...(ALIASES[type.mime] ?? [])];
    if (!accepted.includes(declared)) return { field: 'type', declared };
  }
  if (extension && !type.extensions.includes(extension))
    return { field: 'extension', declared: extension };
  return null;
}

/**
 * A file announced as markup a browser could run (SVG, HTML, XHTML, XML): by its declared type
 * (`image/svg+xml`, `text/html`, `application/xml`, `…+xml`) or its extension. An office
 * document's own type (`application/vnd.openxmlformats-officedocument.…`) is not markup.
 */
export function declaredMarkup(declaredType: string | undefined, extension: string): boolean {
  const declared = (declaredType ?? '').split(';')[0].trim().toLowerCase();
  return (
    /svg|html/.test(declared) ||
    /(^|[/+])xml$/.test(declared) ||
    /^(svg|svgz|html?|xhtml|xml)$/.test(extension)
  );
}

/** The kind a client announces (before any byte arrives), from its declared type or name. */
/**
 * A file announced as something no accepted format is: a concrete declared type (not a neutral
 * one) that is neither a format's type nor one of its aliases, and an extension no format has
 * (e.g. notes.txt as text/plain). Refused when announced, before any byte is sent.
 */
export function declaredForeign(declaredType: string | undefined, extension: string): boolean {
  const declared = (declaredType ?? '').split(';')[0].trim().toLowerCase();
  if (NEUTRAL_TYPES.has(declared)) return false;
  if (ALL_FORMATS.some((f) => f.extensions.includes(extension))) return false;
  return !ALL_FORMATS.some(
    (f) => f.mime === declared || (ALIASES[f.mime] ?? []).includes(declared),
  );
}

export function kindFromDeclared(
  declaredType: string | undefined,
  extension: string,
): MediaKindName | null {
  const declared = (declaredType ?? '').split(';')[0].trim().toLowerCase();
  for (const f of ALL_FORMATS) {
    if (declared && !NEUTRAL_TYPES.has(declared) && f.mime === declared) return f.kind;
  }
  for (const f of ALL_FORMATS) {
    if (extension && f.extensions[0] === extension) return f.kind;
  }
  for (const f of ALL_FORMATS) {
    if (extension && f.extensions.includes(extension)) return f.kind;
  }
  return null;
}
