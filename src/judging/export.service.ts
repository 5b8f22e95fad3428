import './messages';
import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import type { Principal } from '../auth/principal';
import { translate } from '../common/i18n/i18n';
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

/** A key that decided a place, or a session state, named in Vietnamese (the exports' language). */
export const decidedByLabel = (key: string | null): string =>
  key ? translate(`judging.decided_by.${key}`, 'vi') : '';
const voteStateLabel = (state: string): string => translate(`judging.vote_state.${state}`, 'vi');

const METHOD_LABELS: Record<string, string> = {
  mean: 'Trung bình cộng',
  median: 'Trung vị',
  trimmed: 'Trung bình bỏ điểm cao nhất và thấp nhất',
  normalized: 'Chuẩn hóa theo giám khảo',
};

/**
 * Exports of a round's judging: score matrix, the jury's ranking, prizes (the combined result)
 * and the public vote, in Vietnamese, print-ready. Ranks are per group (category, and unit of
 * the round's scope when scoped), as the results give them; tied entries share a rank and are
 * marked "Đồng hạng".
 */
@Injectable()
export class ExportService {
  constructor(
    private readonly repo: JudgingRepository,
    private readonly judging: JudgingService,
    private readonly results: ResultsService,
  ) {}

  async tables(roundId: string, user: Principal): Promise<{ tables: Table[]; title: string }> {
    const ctx = await this.judging.organizerContext(roundId, user);
    const final = await this.results.finalOf(ctx);
    const [rubrics, sheets] = await Promise.all([
      this.repo.rubrics(roundId),
      this.repo.roundSheets(roundId),
    ]);
    const submitted = sheets.filter((s) => s.status === SheetStatus.Submitted);
    const judgeNames = await this.repo.userNames([...new Set(submitted.map((s) => s.judgeId))]);
    const groupOf = new Map(final.groups.map((g) => [g.key, g]));
    const scoped = final.groups.some((g) => g.scopeUnitId !== null);
    // The group's columns: its category, and the unit of the scope when the round is scoped.
    const groupCells = (key: string): Cell[] => {
      const g = groupOf.get(key);
      return scoped ? [g?.categoryName ?? '', g?.scopeUnitName ?? ''] : [g?.categoryName ?? ''];
    };
    const groupHeaders = scoped ? ['Lĩnh vực', 'Xét trong đơn vị'] : ['Lĩnh vực'];
    const groupWidths = scoped ? [26, 26] : [26];
    const tied = (t: boolean) => (t ? translate('judging.tied', 'vi') : '');
    // Criteria columns: every key of every rubric, in rubric order, named by the first rubric.
    const columns: { key: string; name: string }[] = [];
    for (const r of rubrics)
      for (const c of r.criteria)
        if (!columns.some((x) => x.key === c.key))
          columns.push({ key: c.key, name: `${c.name} (tối đa ${c.max})` });
    // The jury's ranking: by group, then jury rank (the final rows' order within a group is
    // the combined one).
    const groupIndex = new Map(final.groups.map((g, i) => [g.key, i]));
    const juryOrder = [...final.rows].sort(
      (a, b) =>
        (groupIndex.get(a.group) ?? 1e9) - (groupIndex.get(b.group) ?? 1e9) ||
        a.juryRank - b.juryRank,
    );
    const position = new Map(juryOrder.map((r, i) => [r.entryId, i]));
    const rowOf = new Map(final.rows.map((r) => [r.entryId, r]));
    const publicId = (entryId: string) => rowOf.get(entryId)?.publicId ?? entryId;
    submitted.sort(
      (a, b) =>
        (position.get(a.entryId) ?? 1e9) - (position.get(b.entryId) ?? 1e9) ||
        (judgeNames.get(a.judgeId) ?? '').localeCompare(judgeNames.get(b.judgeId) ?? '', 'vi') ||
        a.judgeId.localeCompare(b.judgeId),
    );
    const matrix: Table = {
      name: 'Ma trận điểm',
      title: 'MA TRẬN ĐIỂM CHẤM',
      headers: [
        ...groupHeaders,
        'Hạng',
        'Mã bài',
        'Tên bài dự thi',
        'Đơn vị',
        'Giám khảo',
        ...columns.map((c) => c.name),
        'Tổng điểm phiếu',
      ],
      widths: [...groupWidths, 7, 11, 40, 30, 24, ...columns.map(() => 14), 14],
      rows: submitted.map((s) => {
        const r = rowOf.get(s.entryId);
        return [
          ...(r ? groupCells(r.group) : groupHeaders.map(() => '')),
          r?.juryRank ?? null,
          publicId(s.entryId),
          r?.title ?? '',
          r?.unitName ?? '',
          judgeNames.get(s.judgeId) ?? s.judgeId,
          ...columns.map((c) => (s.scores[c.key] === undefined ? null : Number(s.scores[c.key]))),
          s.total === null ? null : Number(s.total),
        ];
      }),
    };
    const ranking: Table = {
      name: 'Xếp hạng',
      title: `XẾP HẠNG CỦA BAN GIÁM KHẢO — ${METHOD_LABELS[ctx.settings.method]}`,
      headers: [
        ...groupHeaders,
        'Hạng',
        'Đồng hạng',
        'Mã bài',
        'Tên bài dự thi',
        'Đơn vị',
        'Điểm giám khảo',
        'Số phiếu',
        'Đủ số phiếu',
        'Phân định thứ hạng bằng',
      ],
      widths: [...groupWidths, 7, 10, 11, 40, 30, 14, 10, 12, 28],
      rows: juryOrder.map((r) => [
        ...groupCells(r.group),
        r.juryRank,
        tied(r.juryTied),
        publicId(r.entryId),
        r.title,
        r.unitName,
        r.juryScore,
        r.sheets,
        r.quorumMet ? 'Có' : 'Không',
        decidedByLabel(r.juryDecidedBy),
      ]),
    };
    const provisional = final.provisional ? ' (TẠM TÍNH)' : '';
    const prizes: Table = {
      name: 'Giải thưởng',
      title: `GIẢI THƯỞNG — giám khảo ${final.juryWeight}%, bình chọn ${final.publicWeight}%${provisional}`,
      headers: [
        ...groupHeaders,
        'Hạng',
        'Đồng hạng',
        'Mã bài',
        'Tên bài dự thi',
        'Đơn vị',
        'Điểm giám khảo',
        'Số phiếu bình chọn',
        'Điểm bình chọn',
        'Điểm chung cuộc',
        'Giải',
        'Phân định thứ hạng bằng',
      ],
      widths: [...groupWidths, 7, 10, 11, 40, 30, 14, 14, 14, 14, 20, 28],
      rows: final.rows.map((r) => [
        ...groupCells(r.group),
        r.rank,
        tied(r.tied),
        publicId(r.entryId),
        r.title,
        r.unitName,
        r.juryScore,
        r.publicVotes,
        r.publicScore,
        r.finalScore,
        r.prizeLabel ?? '',
        decidedByLabel(r.decidedBy),
      ]),
    };
    const votes: Table = {
      name: 'Bình chọn',
      title: 'BÌNH CHỌN — phiếu được tính và đầu chuỗi băm của phiếu',
      headers: [
        'Phiên bình chọn',
        'Trạng thái',
        'Phiếu được tính',
        'Phiếu bị giữ lại',
        'Phiếu bị loại',
        'Số lô trong chuỗi',
        'Mã băm đầu chuỗi',
      ],
      widths: [40, 16, 14, 14, 14, 12, 70],
      rows: final.publicVote.sessions.map((s) => [
        s.title,
        voteStateLabel(s.state),
        s.counted,
        s.quarantined,
        s.voided,
        s.chainHead?.seq ?? 0,
        s.chainHead?.hash ?? '',
      ]),
    };
    return {
      tables: [matrix, ranking, prizes, votes],
      title: `${ctx.contest.title} — ${ctx.round.name}`,
    };
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
