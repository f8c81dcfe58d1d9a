import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type DestinationStream, type Logger } from 'pino';
import { currentTraceId } from './telemetry-flush';

export type { Logger } from 'pino';
export type LogFormat = 'json' | 'pretty';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** The request a line is logged for: the gateway's request id, passed to subgraphs in `x-request-id`. */
const requestScope = new AsyncLocalStorage<{ requestId: string }>();

export const REQUEST_ID_HEADER = 'x-request-id';

/** Runs `work` as part of one request: what it logs carries the request id. */
export function withRequestId<T>(requestId: string, work: () => T): T {
  return requestScope.run({ requestId }, work);
}

export function currentRequestId(): string | undefined {
  return requestScope.getStore()?.requestId;
}

/** JSON in production (one object per line, for a log collector), readable lines elsewhere; LOG_FORMAT overrides. */
export function defaultLogFormat(env: NodeJS.ProcessEnv = process.env): LogFormat {
  if (env.LOG_FORMAT === 'json' || env.LOG_FORMAT === 'pretty') return env.LOG_FORMAT;
  return env.NODE_ENV === 'production' ? 'json' : 'pretty';
}

export interface LoggerOptions {
  level?: LogLevel;
  format?: LogFormat;
  /** Where lines go (default stdout); tests give a stream of their own to read them. */
  destination?: DestinationStream;
}

/**
 * A process's logger (pino): every line carries `service`, and within a request its `requestId`
 * and, with telemetry on, the `traceId` of the span in force, so a line leads to its trace.
 */
export function createLogger(service: string, options: LoggerOptions = {}): Logger {
  const format = options.format ?? defaultLogFormat();
  const settings: pino.LoggerOptions = {
    level: options.level ?? (process.env.LOG_LEVEL as LogLevel | undefined) ?? 'info',
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => {
      const requestId = currentRequestId();
      const traceId = currentTraceId();
      return { ...(requestId ? { requestId } : {}), ...(traceId ? { traceId } : {}) };
    },
  };
  const destination = options.destination ?? (format === 'pretty' ? prettyStream() : undefined);
  return destination ? pino(settings, destination) : pino(settings);
}

/** pino-pretty, a development dependency: where it is not installed (the production image) lines stay JSON. */
function prettyStream(): DestinationStream | undefined {
  let pretty: typeof import('pino-pretty');
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    pretty = require('pino-pretty') as typeof import('pino-pretty');
  } catch {
    return undefined;
  }
  // Synchronous: a line is out before the process exits (the stop paths end with process.exit).
  return pretty({
    sync: true,
    colorize: process.stdout.isTTY === true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,service',
    messageFormat: '[{service}] {msg}',
  });
}
