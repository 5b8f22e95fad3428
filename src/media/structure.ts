import { open } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';
import { FORMATS, SniffedFormat } from './sniff';

/** Reads `length` bytes at `position` (fewer at the end of the file). */
export async function readAt(path: string, position: number, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buf, 0, length, position);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export type StructureProblem =
  'trailing_data' | 'truncated' | 'pdf_malformed' | 'zip_malformed' | 'not_office' | 'macro';

const PNG_END = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

/** Cheap checks of the file's ends: nothing appended, nothing cut off. */
export async function checkImageEnds(
  path: string,
  format: string,
  size: number,
): Promise<StructureProblem | null> {
  const tail = await readAt(path, Math.max(0, size - 4096), 4096);
  if (format === 'png') {
    const idx = tail.lastIndexOf(PNG_END);
    if (idx < 0) return 'truncated';
    if (idx + PNG_END.length !== tail.length) return 'trailing_data';
  }
  if (format === 'jpeg') {
    let end = tail.length;
    while (end > 0 && (tail[end - 1] === 0x00 || tail[end - 1] === 0x0a || tail[end - 1] === 0x0d))
      end--;
    if (!(tail[end - 2] === 0xff && tail[end - 1] === 0xd9)) {
      // a trailer after the end marker (some phones add one) is tolerated only when the marker exists
      return tail.includes(Buffer.from([0xff, 0xd9])) ? null : 'truncated';
    }
  }
  return null;
}

/** A PDF must start with its header and end with a cross-reference pointer and %%EOF. */
export async function checkPdf(path: string, size: number): Promise<StructureProblem | null> {
  const head = await readAt(path, 0, 16);
  if (!/^%PDF-[12]\.\d/.test(head.toString('latin1'))) return 'pdf_malformed';
  const tail = (await readAt(path, Math.max(0, size - 2048), 2048)).toString('latin1');
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!m) return 'pdf_malformed';
  const offset = Number(m[1]);
  if (!Number.isSafeInteger(offset) || offset <= 0 || offset >= size) return 'pdf_malformed';
  const at = (await readAt(path, offset, 32)).toString('latin1');
  if (!/^\s*(xref|\d+\s+\d+\s+obj)/.test(at)) return 'pdf_malformed';
  return null;
}

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

async function zipEntries(path: string, size: number): Promise<ZipEntry[] | null> {
  const tailLen = Math.min(size, 65_557);
  const tail = await readAt(path, size - tailLen, tailLen);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (cdOffset + cdSize > size || cdSize > 8 * 1024 * 1024 || count > 20_000) return null;
  const cd = await readAt(path, cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) return null;
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    entries.push({
      method: cd.readUInt16LE(p + 10),
      compressedSize: cd.readUInt32LE(p + 20),
      size: cd.readUInt32LE(p + 24),
      localOffset: cd.readUInt32LE(p + 42),
      name: cd.toString('utf8', p + 46, p + 46 + nameLen),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** An office document (docx, pptx, xlsx) is a zip with these parts and no macros. */
export async function checkOoxml(
  path: string,
  size: number,
): Promise<{ type: SniffedFormat } | { problem: StructureProblem }> {
  const entries = await zipEntries(path, size);
  if (!entries) return { problem: 'zip_malformed' };
  const names = new Set(entries.map((e) => e.name));
  if (!names.has('[Content_Types].xml')) return { problem: 'not_office' };
  if (entries.some((e) => /vbaProject\.bin$|activeX|\.(exe|dll|js|vbs|bat)$/i.test(e.name)))
    return { problem: 'macro' };
  if (names.has('word/document.xml')) return { type: FORMATS.docx };
  if (names.has('ppt/presentation.xml')) return { type: FORMATS.pptx };
  if (names.has('xl/workbook.xml')) return { type: FORMATS.xlsx };
  return { problem: 'not_office' };
}

/** Pages or slides an office document declares in docProps/app.xml. */
export async function ooxmlPageCount(path: string, size: number): Promise<number | null> {
  const entries = await zipEntries(path, size);
  const app = entries?.find((e) => e.name === 'docProps/app.xml');
  if (!app || app.compressedSize > 1024 * 1024 || app.size > 4 * 1024 * 1024) return null;
  const local = await readAt(path, app.localOffset, 30);
  if (local.length < 30 || local.readUInt32LE(0) !== 0x04034b50) return null;
  const start = app.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  const data = await readAt(path, start, app.compressedSize);
  let xml: string;
  try {
    xml = (
      app.method === 8 ? inflateRawSync(data, { maxOutputLength: 4 * 1024 * 1024 }) : data
    ).toString('utf8');
  } catch {
    return null;
  }
  const m = /<(Pages|Slides)>(\d+)<\/\1>/.exec(xml);
  return m ? Number(m[2]) : null;
}
