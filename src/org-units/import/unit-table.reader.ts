import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { AppError } from '../../common/errors/app-error';

export const CSV_TYPE = 'text/csv';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface RawTable {
  headers: string[];
  /** `rowNumber` is the line (CSV) or row (XLSX) number in the file, the header being 1. */
  rows: { rowNumber: number; cells: string[] }[];
}

const unreadable = () => AppError.badRequest('org_units.import_unreadable');

/** The delimiter used most on the header line: Excel writes ';' in some locales. */
function guessDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0][1] > 0 ? counts[0][0] : ',';
}

function readCsv(body: Buffer): RawTable {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw unreadable();
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter: guessDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch {
    throw unreadable();
  }
  if (records.length === 0) throw AppError.badRequest('org_units.import_empty');
  const [header, ...data] = records;
  return {
    headers: header.record,
    rows: data.map((r) => ({ rowNumber: r.info.lines, cells: r.record })),
  };
}

async function readXlsx(body: Buffer): Promise<RawTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(body as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    throw unreadable();
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw AppError.badRequest('org_units.import_empty');
  const lines: { rowNumber: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let i = 1; i <= row.cellCount; i++) cells.push(row.getCell(i).text ?? '');
    lines.push({ rowNumber, cells });
  });
  if (lines.length === 0) throw AppError.badRequest('org_units.import_empty');
  const [header, ...rows] = lines;
  return { headers: header.cells, rows };
}

/** Reads the first sheet of an XLSX workbook or a UTF-8 CSV (with or without BOM). */
export async function readUnitTable(body: Buffer, contentType: string): Promise<RawTable> {
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (!Buffer.isBuffer(body) || body.length === 0) {
    throw AppError.badRequest('org_units.import_empty');
  }
  if (type === XLSX_TYPE) return readXlsx(body);
  if (type === CSV_TYPE) return readCsv(body);
  throw AppError.badRequest('common.unsupported_media_type');
}
