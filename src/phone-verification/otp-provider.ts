import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';

/** A message with a one-time code, for one phone. */
export interface OtpMessage {
  /** E.164 number; for an invitation sent by email, the address (the gateway routes it). */
  to: string;
  code: string;
  /** The text a gateway sends as is (Vietnamese, no diacritics: SMS-safe). */
  text: string;
  ttlSeconds: number;
}

/** Delivers codes: SMS, Zalo notification, or (in development) the log. */
export interface OtpProvider {
  send(message: OtpMessage): Promise<void>;
}
export const OTP_PROVIDER = Symbol('OTP_PROVIDER');

/**
 * Where the development provider writes: the server log, and the last codes kept in memory so
 * that a test (or a developer's tool in the same process) can read them.
 */
@Injectable()
export class OtpOutbox {
  private readonly log = new Logger('PhoneCodes');
  private readonly recent: OtpMessage[] = [];

  write(message: OtpMessage): void {
    this.recent.push(message);
    if (this.recent.length > 200) this.recent.shift();
    this.log.log(`code for ${message.to}: ${message.code} (${message.ttlSeconds}s)`);
  }

  /** The last code written for `phone` (E.164), if any. */
  last(phone: string): string | undefined {
    for (let i = this.recent.length - 1; i >= 0; i--)
      if (this.recent[i].to === phone) return this.recent[i].code;
    return undefined;
  }

  count(phone: string): number {
    return this.recent.filter((m) => m.to === phone).length;
  }
}

/** Development: the code goes to the log (never use in production). */
@Injectable()
export class LogOtpProvider implements OtpProvider {
  constructor(private readonly outbox: OtpOutbox) {}

  send(message: OtpMessage): Promise<void> {
    this.outbox.write(message);
    return Promise.resolve();
  }
}

/**
 * Posts `{to, code, text, ttlSeconds}` as JSON to OTP_HTTP_URL with `Authorization: Bearer
 * OTP_HTTP_TOKEN` — the shape SMS and Zalo notification gateways take (or a small relay in
 * front of them). Any 2xx is sent; anything else, or no answer within 5 s, is a failure.
 */
@Injectable()
export class HttpOtpProvider implements OtpProvider {
  private readonly url: string;
  private readonly token: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.url = config.otp.httpUrl!;
    this.token = config.otp.httpToken!;
  }

  async send(message: OtpMessage): Promise<void> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${this.token}`,
      },
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(5000),
    });
    await res.arrayBuffer().catch(() => undefined);
    if (!res.ok) throw new Error(`OTP gateway answered ${res.status}`);
  }
}
