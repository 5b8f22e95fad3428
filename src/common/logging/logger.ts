import type { LoggerService, LogLevel } from '@nestjs/common';
import pino, { Logger as Pino } from 'pino';
import { RequestContext } from '../http/request-context';

/**
 * stdout for log lines, written once per event-loop turn: the lines of all the requests that
 * finish in one turn go out in one write(2) (through sonic-boom, which retries when the pipe is
 * full) instead of one each. A line waits at most until the end of the turn; what is pending
 * when the process exits is written then.
 */
class TurnBatchedStdout {
  private pending = '';
  private scheduled = false;

  constructor(private readonly destination: { write(data: string): unknown }) {}

  write(line: string): boolean {
    this.pending += line;
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.flush);
    }
    return true;
  }

  readonly flush = (callback?: (err?: Error) => void): void => {
    this.scheduled = false;
    const out = this.pending;
    this.pending = '';
    if (out) this.destination.write(out);
    callback?.();
  };
}

let stdout: TurnBatchedStdout | undefined;

/** One per process, whatever the number of applications built (the tests build many). */
function sharedStdout(): TurnBatchedStdout {
  if (!stdout) {
    const batched = new TurnBatchedStdout(pino.destination({ dest: 1, sync: true }));
    process.on('exit', () => batched.flush());
    stdout = batched;
  }
  return stdout;
}

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
  return pino(options, destination ?? sharedStdout());
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
