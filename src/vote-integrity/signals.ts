/**
 * Fraud signals as pure functions: each looks at one fact about a vote and its neighbours and
 * says whether it looks like a machine. The stateful detector (fraud-detector.ts) feeds them.
 */

export type FraudReason =
  'ip_crowd' | 'subnet_crowd' | 'fingerprint_crowd' | 'too_fast' | 'burst' | 'phone_run';

export const FRAUD_REASONS: FraudReason[] = [
  'ip_crowd',
  'subnet_crowd',
  'fingerprint_crowd',
  'too_fast',
  'burst',
  'phone_run',
];

/** An address as one key: IPv4 (also IPv4-mapped IPv6) as is, IPv6 in lower case. */
export function normalizeIp(ip: string): string {
  const v = ip.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(v);
  return mapped ? mapped[1] : v;
}

/**
 * Whether an address can say anything about a voter: loopback, private, link-local and
 * carrier-internal addresses are those of a proxy or of the server's own network (behind a
 * reverse proxy without TRUST_PROXY every vote would seem to come from one place).
 */
export function isPublicIp(ip: string): boolean {
  const v = normalizeIp(ip);
  const v4 = /^(\d+)\.(\d+)\.\d+\.\d+$/.exec(v);
  if (v4) {
    const a = Number(v4[1]);
    const b = Number(v4[2]);
    return !(
      a === 10 ||
      a === 127 ||
      a === 0 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  if (!v.includes(':')) return false;
  return !(v === '::1' || v === '::' || /^f[cd]/.test(v) || /^fe[89ab]/.test(v));
}

/** The network a household or a mobile carrier's NAT shares: IPv4 /24, IPv6 /64. */
export function subnetOf(ip: string): string {
  const v = normalizeIp(ip);
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.\d+$/.exec(v);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  if (v.includes(':')) {
    const [head, tail] = v.split('::');
    const left = head ? head.split(':') : [];
    const right = tail !== undefined && tail ? tail.split(':') : [];
    const groups =
      tail === undefined
        ? left
        : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
    return `${groups
      .slice(0, 4)
      .map((g) => (g || '0').replace(/^0+(?=.)/, ''))
      .join(':')}::/64`;
  }
  return v;
}

/** Too many distinct voters (or devices) behind one key. */
export function crowded(distinct: number, max: number): boolean {
  return distinct > max;
}

/** Faster than a person can read the page and tap after it appeared. */
export function tooFast(elapsedMs: number | null | undefined, minHumanMs: number): boolean {
  return typeof elapsedMs === 'number' && elapsedMs >= 0 && elapsedMs < minHumanMs;
}

/**
 * A burst: the rate of the last seconds far above the session's usual rate, and above a floor
 * (a session that just started has no usual rate yet).
 */
export function isBurst(
  recentPerSecond: number,
  usualPerSecond: number,
  factor: number,
  minPerSecond: number,
): boolean {
  return recentPerSecond >= minPerSecond && recentPerSecond > factor * usualPerSecond;
}

/** The national significant number of an E.164 Vietnamese phone, as a number. */
export function phoneNumberValue(phone: string): number | null {
  const m = /^\+84(\d{9,10})$/.exec(phone);
  return m ? Number(m[1]) : null;
}

/** Index at which `n` goes in the ascending `sorted`. */
export function lowerBound(sorted: number[], n: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < n) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Length of the run of numbers, each within `gap` of the next, that `n` belongs to in the
 * ascending `sorted` (which contains `n`): 0912000001, …02, …03, … voting one after another are
 * SIM farms or made-up numbers.
 */
export function phoneRunLength(sorted: number[], n: number, gap: number): number {
  const at = lowerBound(sorted, n);
  if (sorted[at] !== n) return 0;
  let lo = at;
  while (lo > 0 && sorted[lo] - sorted[lo - 1] <= gap) lo--;
  let hi = at;
  while (hi < sorted.length - 1 && sorted[hi + 1] - sorted[hi] <= gap) hi++;
  return hi - lo + 1;
}
