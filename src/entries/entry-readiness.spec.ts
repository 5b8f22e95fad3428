import { CategoryRules, EntrantType, MediaKind } from '../contests/entities/category.entity';
import { AuthorType } from './entities/entry.entity';
import { EntryMediaFile, submissionProblems } from './entry-readiness';

const rules: CategoryRules = {
  entrants: EntrantType.Collective,
  maxEntriesPerUnit: 3,
  requiredFields: ['summary', 'contactPhone'],
  media: {
    kinds: [MediaKind.Video, MediaKind.Image],
    minCount: 1,
    maxCount: 2,
    maxSizeBytes: 5_000_000,
    minDurationSeconds: 300,
    maxDurationSeconds: 420,
    minResolution: 720,
  },
};

const complete = {
  authorType: AuthorType.Collective,
  members: [{ name: 'Nguyễn Thị Hoa', role: null }],
  summary: 'Sinh hoạt chi hội qua Zalo',
  contactPhone: '+84912345678',
};

const file = (over: Partial<EntryMediaFile>): EntryMediaFile => ({
  id: 'f1',
  name: 'clip.mp4',
  kind: 'video',
  status: 'ready',
  sizeBytes: 1_000_000,
  width: 1280,
  height: 720,
  durationSeconds: 360,
  ...over,
});

describe('what an entry lacks before submission', () => {
  it('nothing for a complete collective entry with one good clip', () => {
    expect(submissionProblems(complete, rules, [file({})])).toEqual([]);
  });

  it('a collective entry with no file: the missing file, as the category says minCount 1', () => {
    expect(submissionProblems(complete, rules, [])).toEqual([
      { field: 'media', code: 'media.too_few', params: { min: 1, count: 0 } },
    ]);
  });

  it('lists everything at once: author type, fields, members, count and each file', () => {
    const problems = submissionProblems(
      {
        authorType: AuthorType.Individual,
        members: [],
        summary: '  ',
        contactPhone: null,
      },
      rules,
      [
        file({ id: 'a', durationSeconds: 60 }),
        file({ id: 'b', kind: 'audio', sizeBytes: 6_000_000, durationSeconds: 360 }),
        file({ id: 'c', status: 'processing', name: 'ảnh bìa.jpg' }),
      ],
    );
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['authorType', 'entries.author_type_not_allowed'],
      ['summary', 'entries.field_required'],
      ['contactPhone', 'entries.field_required'],
      ['media', 'media.too_many'],
      ['media.a', 'media.duration_too_short'],
      ['media.b', 'media.kind_not_allowed'],
      ['media.b', 'media.too_large'],
      ['media.c', 'entries.media_pending'],
    ]);
    expect(problems[6].params).toEqual({ max: 5_000_000 });
    expect(problems[7].params).toEqual({ name: 'ảnh bìa.jpg' });
  });

  it('a collective entry needs members, said once even when the category requires them too', () => {
    const members = submissionProblems({ ...complete, members: [] }, rules, [file({})]);
    expect(members).toEqual([{ field: 'members', code: 'entries.members_required' }]);
    const required = submissionProblems(
      { ...complete, members: [] },
      { ...rules, requiredFields: ['members'] },
      [file({})],
    );
    expect(required.map((p) => p.code)).toEqual(['entries.field_required']);
  });
});
