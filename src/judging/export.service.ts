import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import type { Principal } from '../auth/principal';
import { ContestAccessService } from '../contests/contest-access.service';
import { SheetStatus } from './entities/score-sheet.entity';
import { JudgingRepository } from './judging.repository';
import { JudgingService } from './judging.service';
import { ResultsService } from './results.service';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Cell = string | number | null;
interface Table {
  name: string;
  title: string;
  headers: string[];
  widths: number[];
  rows: Cell[][];
}

const TIE_LABELS: Record<string, string> = {
  score: 'Điểm',
  firstCriterion: 'Điểm tiêu chí thứ nhất',
  firstPlaces: 'Số giám khảo xếp thứ nhất',
  earlierSubmission: 'Nộp bài sớm hơn',
  entryId: 'Mã bài (cố định)',
};

const METHOD_LABELS: Record<string, string> = {
  mean: 'Trung bình cộng',
  median: 'Trung vị',
  trimmed: 'Trung bình bỏ điểm cao nhất và thấp nhất',
  normalized: 'Chuẩn hóa theo giám khảo',
};

/** Exports of a round's judging: score matrix, ranking and prizes, in Vietnamese, print-ready. */
@Injectable()
export class ExportService {
  constructor(
    private readonly repo: JudgingRepository,
    private readonly judging: JudgingService,
    private readonly results: ResultsService,
    private readonly access: ContestAccessService,
  ) {}

  async tables(roundId: string, user: Principal): Promise<{ tables: Table[]; title: string }> {
    const ctx = await this.judging.organizerContext(roundId, user);
    const final = await this.results.finalOf(ctx);
    const [entries, rubrics, sheets, categories] = await Promise.all([
      this.repo.roundEntries(roundId),
      this.repo.rubrics(roundId),
      this.repo.roundSheets(roundId),
      this.access.listCategories(ctx.round.contestId),
    ]);
    const submitted = sheets.filter((s) => s.status === SheetStatus.Submitted);
    const judgeNames = await this.repo.userNames([...new Set(submitted.map((s) => s.judgeId))]);
    const categoryName = new Map(categories.map((c) => [c.id, c.name]));
    const entryById = new Map(entries.map((e) => [e.id, e]));
    // Criteria columns: every key of every rubric, in rubric order, named by the first rubric.
    const columns: { key: string; name: string }[] = [];
    for (const r of rubrics)
      for (const c of r.criteria)
        if (!columns.some((x) => x.key === c.key))
          columns.push({ key: c.key, name: `${c.name} (tối đa ${c.max})` });
    const order = new Map(final.rows.map((r) => [r.entryId, r.rank]));
    submitted.sort(
      (a, b) =>
        (order.get(a.entryId) ?? 1e9) - (order.get(b.entryId) ?? 1e9) ||
        (judgeNames.get(a.judgeId) ?? '').localeCompare(judgeNames.get(b.judgeId) ?? '', 'vi') ||
        a.judgeId.localeCompare(b.judgeId),
    );
    const matrix: Table = {
      name: 'Ma trận điểm',
      title: 'MA TRẬN ĐIỂM CHẤM',
      headers: [
        'Hạng',
        'Mã bài',
        'Tên bài dự thi',
        'Đơn vị',
        'Lĩnh vực',
        'Giám khảo',
        ...columns.map((c) => c.name),
        'Tổng điểm phiếu',
      ],
      widths: [7, 11, 40, 30, 26, 24, ...columns.map(() => 14), 14],
      rows: submitted.map((s) => {
        const e = entryById.get(s.entryId);
        return [
          order.get(s.entryId) ?? null,
          e?.publicId ?? s.entryId,
          e?.title ?? '',
          e?.unitName ?? '',
          categoryName.get(e?.categoryId ?? '') ?? '',
          judgeNames.get(s.judgeId) ?? s.judgeId,
          ...columns.map((c) => (s.scores[c.key] === undefined ? null : Number(s.scores[c.key]))),
          s.total === null ? null : Number(s.total),
        ];
      }),
    };
    const ranking: Table = {
      name: 'Xếp hạng',
      title: `XẾP HẠNG — ${METHOD_LABELS[ctx.settings.method]}`,
      headers: [
        'Hạng',
        'Mã bài',
        'Tên bài dự thi',
        'Đơn vị',
        'Lĩnh vực',
        'Điểm giám khảo',
        'Số phiếu',
        'Đủ số phiếu',
        'Phân định thứ hạng bằng',
      ],
      widths: [7, 11, 40, 30, 26, 14, 10, 12, 28],
      rows: [...final.rows]
        .sort((a, b) => (order.get(a.entryId) ?? 0) - (order.get(b.entryId) ?? 0))
        .map((r) => [
          order.get(r.entryId) ?? null,
          entryById.get(r.entryId)?.publicId ?? r.entryId,
          r.title,
          r.unitName,
          categoryName.get(r.categoryId) ?? '',
          r.juryScore,
          r.sheets,
          r.quorumMet ? 'Có' : 'Không',
          r.decidedBy ? TIE_LABELS[r.decidedBy] : '',
        ]),
    };
    const prizes: Table = {
      name: 'Giải thưởng',
      title: `GIẢI THƯỞNG — giám khảo ${final.juryWeight}%, bình chọn ${final.publicWeight}%`,
      headers: [
        'Lĩnh vực',
        'Hạng trong lĩnh vực',
        'Mã bài',
        'Tên bài dự thi',
        'Đơn vị',
        'Điểm giám khảo',
        'Điểm bình chọn',
        'Điểm chung cuộc',
        'Giải',
      ],
      widths: [26, 10, 11, 40, 30, 14, 14, 14, 20],
      rows: [...final.rows]
        .sort(
          (a, b) =>
            (categoryName.get(a.categoryId) ?? '').localeCompare(
              categoryName.get(b.categoryId) ?? '',
              'vi',
            ) || a.categoryRank - b.categoryRank,
        )
        .map((r) => [
          categoryName.get(r.categoryId) ?? '',
          r.categoryRank,
          entryById.get(r.entryId)?.publicId ?? r.entryId,
          r.title,
          r.unitName,
          r.juryScore,
          r.publicScore,
          r.finalScore,
          r.prizeLabel ?? '',
        ]),
    };
    return { tables: [matrix, ranking, prizes], title: `${ctx.contest.title} — ${ctx.round.name}` };
  }

  async xlsx(roundId: string, user: Principal): Promise<Buffer> {
    const { tables, title } = await this.tables(roundId, user);
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Hội Thi';
    wb.title = title;
    for (const t of tables) {
      const ws = wb.addWorksheet(t.name, {
        pageSetup: {
          paperSize: 9, // A4
          orientation: 'landscape',
          fitToPage: true,
          fitToWidth: 1,
          fitToHeight: 0,
          printTitlesRow: '1:1',
          margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
        },
        headerFooter: { oddHeader: `&L${title}&R${t.title}`, oddFooter: '&CTrang &P / &N' },
        views: [{ state: 'frozen', ySplit: 1 }],
      });
      ws.columns = t.headers.map((h, i) => ({ header: h, width: t.widths[i] ?? 14 }));
      const head = ws.getRow(1);
      head.font = { bold: true };
      head.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
      head.height = 32;
      head.eachCell((cell) => {
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
        cell.border = { bottom: { style: 'thin' } };
      });
      for (const r of t.rows) ws.addRow(r);
      ws.eachRow((row, n) => {
        if (n > 1) row.alignment = { vertical: 'top', wrapText: true };
      });
    }
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  async csv(
    roundId: string,
    table: 'matrix' | 'ranking' | 'prizes',
    user: Principal,
  ): Promise<string> {
    const { tables } = await this.tables(roundId, user);
    const t = tables[{ matrix: 0, ranking: 1, prizes: 2 }[table]];
    const cell = (v: Cell) => {
      if (v === null) return '';
      const s = String(v);
      return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    };
    // A BOM so that spreadsheet programs read the Vietnamese as UTF-8.
    return (
      '\uFEFF' + [t.headers, ...t.rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n'
    );
  }
}
