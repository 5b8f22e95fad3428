import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REQUIRED_FIELD_CHOICES } from '../../contests/dto/category.dto';
import { MediaKind } from '../../contests/entities/category.entity';
import { ContestStatus } from '../../contests/entities/contest.entity';
import { RoundKind, RoundStatus } from '../../contests/entities/round.entity';
import { AuthorType } from '../../entries/entities/entry.entity';
import { EntryAction, EntryStatus } from '../../entries/entry-state-machine';
import { DERIVED_VARIANTS } from '../../media/entities/media-item.entity';
import { ContestRole } from '../../users/entities/contest-membership.entity';
import { UserRole } from '../../users/entities/user.entity';
import { VoterIdentityKind, VotingSessionState } from '../../voting/entities/voting-session.entity';
import { registeredMessages, translate } from './i18n';
import { NONE, VALUE_CATALOGUES, ValueKind } from './values';
import { CHECKLIST_KEYS } from '../../contests/checklist.service';

// Every feature's catalogue (src/<feature>/messages.ts) and the common one, found on disk so
// that a new catalogue is walked without being listed here.
const SRC = join(__dirname, '..', '..');
const catalogueFiles = [
  join(SRC, 'common', 'errors', 'messages.ts'),
  ...readdirSync(SRC, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => join(SRC, d.name, 'messages.ts'))
    .filter((f) => readdirSync(join(f, '..')).includes('messages.ts')),
];
// eslint-disable-next-line @typescript-eslint/no-require-imports
for (const file of catalogueFiles) require(file);

/**
 * The values each catalogue must cover, read from the enumerations themselves at run time (the
 * catalogues' types check the same at compile time). A catalogue missing here fails the test.
 */
const ENUMERATIONS: Record<keyof typeof VALUE_CATALOGUES, readonly string[]> = {
  userRole: Object.values(UserRole),
  contestRole: Object.values(ContestRole),
  contestStatus: Object.values(ContestStatus),
  roundStatus: Object.values(RoundStatus),
  roundKind: Object.values(RoundKind),
  entryStatus: Object.values(EntryStatus),
  entryAction: [...Object.values(EntryAction), 'publish'],
  authorType: Object.values(AuthorType),
  entryField: REQUIRED_FIELD_CHOICES,
  mediaKind: Object.values(MediaKind),
  mediaVariant: ['original', ...DERIVED_VARIANTS],
  fileNameProblem: ['empty', 'control', 'bidi', 'path', 'too_long'],
  pdfFeature: ['JavaScript', 'JS', 'Launch', 'EmbeddedFile', 'RichMedia', 'XFA'],
  tusExtension: ['concatenation'],
  votingState: Object.values(VotingSessionState),
  voteLimitKind: ['entry', 'session', 'day'],
  voterIdentity: Object.values(VoterIdentityKind),
  checklistItem: CHECKLIST_KEYS,
};

/**
 * Parameters that are not enumerated values: numbers, times already written in the contest's
 * zone, names people typed (a unit, a criterion, a slug, a code), identifiers and technical
 * names (an HTTP header, a MIME type, a JSON key). Any other parameter must name its catalogue
 * in its message (`values`), or this test fails: a new enumerated parameter cannot leak English.
 */
const FREE_PARAMS = new Set([
  // numbers
  'max',
  'min',
  'limit',
  'sum',
  'count',
  'quorum',
  'position',
  'previous',
  'next',
  'step',
  'width',
  'height',
  'actual',
  'offset',
  'length',
  'firstRow',
  'remaining',
  'minutes',
  'retryAfter',
  'needed',
  'assigned',
  'n',
  // times, written in the contest's time zone
  'opensAt',
  'closesAt',
  'previousOpensAt',
  'nextOpensAt',
  'at',
  'from',
  'to',
  // text already written in the reader's language (reasons composed from judging.shortfall.*),
  // and names of things (voting sessions)
  'reasons',
  'sessions',
  'endsAt',
  // paths, tables and object keys of a backup, and a tool's own words about what failed
  'dir',
  'table',
  'key',
  'detail',
  // what people typed
  'name',
  'round',
  'nextRound',
  'slug',
  'code',
  'column',
  // identifiers and technical names
  'entryId',
  'key',
  'method',
  'path',
  'header',
  'declared',
  'detected',
]);

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  const messages = Object.entries(registeredMessages());

  it('loads every catalogue of the features', () => {
    expect(catalogueFiles.length).toBeGreaterThanOrEqual(14);
    expect(messages.length).toBeGreaterThan(200);
  });

  it('each value catalogue covers every value of its enumeration, in both languages', () => {
    expect(Object.keys(ENUMERATIONS).sort()).toEqual(Object.keys(VALUE_CATALOGUES).sort());
    for (const [name, values] of Object.entries(ENUMERATIONS)) {
      const catalogue = VALUE_CATALOGUES[name as keyof typeof VALUE_CATALOGUES] as Record<
        string,
        { vi: string; en: string }
      >;
      expect([name, Object.keys(catalogue).sort()]).toEqual([name, [...values].sort()]);
      for (const v of values) {
        expect(catalogue[v].vi.trim()).not.toBe('');
        expect(catalogue[v].en.trim()).not.toBe('');
      }
    }
  });

  it('every message has both languages with the same parameters, each free or declared', () => {
    for (const [code, m] of messages) {
      expect([code, m.vi.trim().length > 0, m.en.trim().length > 0]).toEqual([code, true, true]);
      expect([code, placeholders(m.vi)]).toEqual([code, placeholders(m.en)]);
      for (const p of placeholders(m.vi)) {
        const kind = m.values?.[p];
        if (!kind) {
          expect([code, p, FREE_PARAMS.has(p)]).toEqual([code, p, true]);
          continue;
        }
        const catalogue = kind.replace(/^token:/, '');
        if (kind !== 'literal') expect(Object.keys(VALUE_CATALOGUES)).toContain(catalogue);
      }
      // a declared parameter the message does not show is a mistake too
      for (const p of Object.keys(m.values ?? {}))
        expect([code, placeholders(m.vi)]).toEqual([code, expect.arrayContaining([p])]);
    }
  });

  it('writes every enumerated value of every message in Vietnamese, alone and as a list', () => {
    let rendered = 0;
    for (const [code, m] of messages) {
      for (const [param, kind] of Object.entries<ValueKind>(m.values ?? {})) {
        if (kind === 'literal') continue;
        const name = kind.replace(/^token:/, '') as keyof typeof VALUE_CATALOGUES;
        const catalogue = VALUE_CATALOGUES[name] as Record<string, { vi: string; en: string }>;
        const values = ENUMERATIONS[name];
        for (const value of [...values.map((v) => [v]), [...values]]) {
          const vi = translate(code, 'vi', { [param]: value.length === 1 ? value[0] : value });
          rendered++;
          expect([code, vi]).toEqual([code, expect.not.stringContaining(`{${param}}`)]);
          for (const v of value) {
            expect([code, vi]).toEqual([code, expect.stringContaining(catalogue[v].vi)]);
            // the raw value shows only where its Vietnamese words hold it too ("video",
            // "JavaScript"), or quoted as a token
            if (!catalogue[v].vi.includes(v) && !kind.startsWith('token:'))
              expect([
                code,
                v,
                new RegExp(`(^|[^\\p{L}_])${v}([^\\p{L}_]|$)`, 'u').test(vi),
              ]).toEqual([code, v, false]);
          }
        }
      }
    }
    expect(rendered).toBeGreaterThan(100);
  });

  it('says what the public read in one language: limits and statuses included', () => {
    expect(translate('voting.limit_reached', 'vi', { kind: 'entry', limit: 1 })).toBe(
      'Bạn đã dùng hết lượt bình chọn (mỗi bài dự thi: tối đa 1).',
    );
    expect(translate('voting.limit_reached', 'en', { kind: 'day', limit: 5 })).toBe(
      'You have used all your votes (per day: at most 5).',
    );
    expect(translate('entries.contest_not_open', 'vi', { status: 'published' })).toBe(
      'Cuộc thi không ở trạng thái nhận bài (trạng thái: đã công bố kết quả).',
    );
    expect(
      translate('entries.invalid_transition', 'vi', {
        action: 'submit',
        from: 'withdrawn',
        allowed: [],
      }),
    ).toBe(
      `Không thể thực hiện "nộp bài": bài dự thi đang ở trạng thái "đã rút". Các thao tác được phép: ${NONE.vi}.`,
    );
    expect(
      translate('contests.invalid_transition', 'vi', {
        from: 'open',
        to: 'published',
        allowed: ['judging'],
        allowedList: 'judging',
      }),
    ).toBe(
      'Không thể chuyển cuộc thi từ "đang nhận bài" sang "đã công bố kết quả". Có thể chuyển sang: đang chấm thi.',
    );
    // a list joined by the caller reads the same as an array
    expect(translate('voting.identity_required', 'vi', { accepted: 'device, member' })).toBe(
      'Cần xác minh người bình chọn (mã thiết bị, tài khoản hội viên).',
    );
    // values a client must send stay as they are, quoted, with their words beside them
    expect(
      translate('contests.required_field_unknown', 'vi', { values: 'summary, contactName' }),
    ).toBe(
      'Chỉ được chọn trong các giá trị: "summary" (tóm tắt), "contactName" (tên người liên hệ).',
    );
    expect(translate('field.isEnum', 'vi', { values: 'draft, open' })).toBe(
      'Phải là một trong các giá trị: "draft", "open".',
    );
  });
});
