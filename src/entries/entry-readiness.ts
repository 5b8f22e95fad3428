import type { FieldError } from '../common/errors/app-error';
import { mediaCountProblem, mediaFileProblems } from '../contests/contest-rules';
import { CategoryRules, EntrantType } from '../contests/entities/category.entity';
import { AuthorType, Entry } from './entities/entry.entity';

/** One file of an entry, as submission looks at it (rejected and failed files do not count). */
export interface EntryMediaFile {
  id: string;
  name: string;
  kind: string | null;
  /** uploading and processing files are not checked yet; ready ones are. */
  status: 'uploading' | 'processing' | 'ready';
  sizeBytes: number;
  width?: number;
  height?: number;
  durationSeconds?: number;
}

/**
 * Everything an entry still lacks against its category's rules before it may be submitted: the
 * author type, the required fields, members of a collective entry, and the media rules (count,
 * kinds, sizes, durations, resolution, orientation) with the same codes and messages as at
 * upload. Field errors: `media` for the count, `media.<fileId>` for one file. Pure.
 */
export function submissionProblems(
  entry: Pick<Entry, 'authorType' | 'members'> & Record<string, unknown>,
  rules: CategoryRules,
  media: readonly EntryMediaFile[],
): FieldError[] {
  const errors: FieldError[] = [];
  if (rules.entrants !== EntrantType.Both && String(rules.entrants) !== String(entry.authorType))
    errors.push({
      field: 'authorType',
      code: 'entries.author_type_not_allowed',
      params: { authorType: entry.authorType },
    });
  for (const field of rules.requiredFields ?? []) {
    const value = entry[field];
    const empty =
      value === null ||
      value === undefined ||
      (typeof value === 'string' && !value.trim()) ||
      (Array.isArray(value) && value.length === 0);
    if (empty) errors.push({ field, code: 'entries.field_required', params: { field } });
  }
  if (
    entry.authorType === AuthorType.Collective &&
    entry.members.length === 0 &&
    !errors.some((e) => e.field === 'members')
  )
    errors.push({ field: 'members', code: 'entries.members_required' });
  const count = mediaCountProblem(rules.media, media.length);
  if (count) errors.push({ field: 'media', code: count.code, params: count.params });
  for (const file of media) {
    const field = `media.${file.id}`;
    if (file.status !== 'ready') {
      errors.push({ field, code: 'entries.media_pending', params: { name: file.name } });
      continue;
    }
    for (const p of mediaFileProblems(rules.media, file))
      errors.push({ field, code: p.code, params: p.params });
  }
  return errors;
}
