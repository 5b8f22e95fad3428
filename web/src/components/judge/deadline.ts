import { t } from '../../i18n/index.svelte';
import { localTime } from '../../lib/time';

/** When judging ends, in the contest's time zone, named as people say it ("giờ Việt Nam"). */
export function deadlineText(closesAt: string, timeZone: string): string {
  const time = localTime(closesAt, timeZone);
  return timeZone === 'Asia/Ho_Chi_Minh' || timeZone === 'Asia/Saigon'
    ? t('judge.deadlineVn', { time })
    : t('judge.deadline', { time, zone: timeZone });
}
