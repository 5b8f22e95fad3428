/**
 * A token bucket kept in two numbers on the object it limits (a socket's data), so that an
 * idle socket carries no limiter object: `capacity` events at once, refilled at `perSecond`.
 */
export interface BucketState {
  /** Tokens left; undefined until the first event (a full bucket). */
  tokens?: number;
  /** When the tokens were last counted (ms). */
  refilledAt?: number;
}

export function takeToken(
  state: BucketState,
  capacity: number,
  perSecond: number,
  now = Date.now(),
): boolean {
  const tokens =
    state.tokens === undefined
      ? capacity
      : Math.min(capacity, state.tokens + ((now - state.refilledAt!) / 1000) * perSecond);
  state.refilledAt = now;
  if (tokens < 1) {
    state.tokens = tokens;
    return false;
  }
  state.tokens = tokens - 1;
  return true;
}

/** A token bucket: `capacity` events at once, refilled at `perSecond`. */
export class TokenBucket {
  private readonly state: BucketState = {};

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
  ) {}

  take(): boolean {
    return takeToken(this.state, this.capacity, this.perSecond);
  }
}
