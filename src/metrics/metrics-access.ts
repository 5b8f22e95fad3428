import { createHash, timingSafeEqual } from 'node:crypto';
import type { MetricsConfig } from '../config/config';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Whether an Authorization header carries the metrics token (compared in constant time). */
export function hasMetricsToken(config: MetricsConfig, authorization: string | undefined): boolean {
  if (!config.token) return true;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return !!match && timingSafeEqual(digest(match[1]), digest(config.token));
}
