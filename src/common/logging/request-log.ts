import pino, { Logger as Pino } from 'pino';

export interface RequestLogEntry {
  requestId: string;
  method: string;
  url: string;
  ip: string;
  statusCode: number;
  /** milliseconds */
  responseTime: number;
}

const INFO = 30;
const WARN = 40;
const ERROR = 50;

/**
 * The per-request log line ("request completed"): the same JSON line pino would write for
 * `logger[level]({ requestId, req, res, responseTime }, 'request completed')`, built as one
 * string and handed to the logger's destination. It runs once per request, so it skips pino's
 * generic object walk: the fixed parts are written out once, and only the four strings that
 * come from the request are escaped.
 */
export function requestLogger(logger: Pino): (entry: RequestLogEntry) => void {
  const stream = (logger as unknown as Record<symbol, { write(line: string): unknown }>)[
    pino.symbols.streamSym
  ];
  const pidPart = `,"pid":${process.pid},"requestId":`;
  return (entry) => {
    const status = entry.statusCode;
    const level = status >= 500 ? ERROR : status >= 400 ? WARN : INFO;
    if (level < logger.levelVal) return;
    stream.write(
      `{"level":${level},"time":${Date.now()}${pidPart}${JSON.stringify(entry.requestId)}` +
        `,"req":{"method":${JSON.stringify(entry.method)},"url":${JSON.stringify(entry.url)}` +
        `,"ip":${JSON.stringify(entry.ip)}},"res":{"statusCode":${status}}` +
        `,"responseTime":${Math.round(entry.responseTime * 10) / 10},"msg":"request completed"}\n`,
    );
  };
}
