import type { LoggerService, LogLevel } from '@nestjs/common';
import pino, { Logger as Pino } from 'pino';
import { RequestContext } from '../http/request-context';

/**
 * JSON lines on stdout (secrets are never passed to the logger: request lines carry method,
 * url, address, status and duration only). Every line written while a request is being served carries its
 * `requestId` (from the request's async context), whoever writes it.
 */
export function createPino(level: string, destination?: NodeJS.WritableStream): Pino {
  const options: pino.LoggerOptions = {
    level,
    base: { pid: process.pid },
    // epoch milliseconds: the cheapest stamp, and what log tools expect from pino
    messageKey: 'msg',
    mixin: (merge: object) => {
      if ('requestId' in merge) return {};
      const requestId = RequestContext.requestId();
      return requestId ? { requestId } : {};
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** Nest's logger interface over pino, so framework and product logs share one format. */
export class PinoLoggerService implements LoggerService {
  constructor(private readonly pino: Pino) {}

  private write(
    level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace',
    message: unknown,
    rest: unknown[],
  ) {
    if (!this.pino.isLevelEnabled(level)) return;
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const fields: Record<string, unknown> = context ? { context } : {};
    if (message instanceof Error) {
      fields.err = message;
      this.pino[level](fields, message.message);
      return;
    }
    if (message && typeof message === 'object') {
      Object.assign(fields, message);
      const msg = (message as { msg?: unknown }).msg;
      this.pino[level](fields, typeof msg === 'string' ? msg : undefined);
      return;
    }
    // Nest passes an error's stack as the second argument of error()
    if (level === 'error' && typeof rest[0] === 'string' && rest[0].includes('\n'))
      fields.stack = rest.shift();
    this.pino[level](fields, String(message));
  }

  log(message: unknown, ...rest: unknown[]) {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]) {
    this.write('fatal', message, rest);
  }
  setLogLevels(_levels: LogLevel[]) {
    /* the level comes from LOG_LEVEL */
  }
}
