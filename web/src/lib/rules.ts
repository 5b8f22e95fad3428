import type { Category } from '../api/client';
import { t } from '../i18n/index.svelte';
import { megabytes } from './time';

/** The category's rules in plain words (read from the service, never copied here). */
export function rulesText(category: Category): string[] {
  const r = category.rules;
  const m = r.media;
  const lines = [t(`rules.entrants.${r.entrants}`)];
  if (m.kinds.length) lines.push(t('rules.kinds', { kinds: m.kinds.map((k) => t(`kind.${k}`)).join(', ') }));
  lines.push(t('rules.count', { min: m.minCount, max: m.maxCount }));
  lines.push(t('rules.size', { mb: megabytes(m.maxSizeBytes) }));
  if (m.maxDurationSeconds)
    lines.push(
      t('rules.duration', {
        min: Math.floor((m.minDurationSeconds ?? 0) / 60),
        max: Math.ceil(m.maxDurationSeconds / 60),
      }),
    );
  if (m.minResolution) lines.push(t('rules.resolution', { p: m.minResolution }));
  if (m.landscapeOnly) lines.push(t('rules.landscape'));
  if (r.maxEntriesPerUnit) lines.push(t('rules.perUnit', { n: r.maxEntriesPerUnit }));
  return lines;
}

/** The round that takes entries (its window is the deadline). */
export function submissionRound<R extends { kind: string }>(rounds: R[]): R | undefined {
  return rounds.find((r) => r.kind === 'submission');
}
