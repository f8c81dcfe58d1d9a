import { createLogger, type Logger } from '@kepuri/platform';

/**
 * The log lines of a test hub's processes, as JSON (what production writes): tests read what was
 * logged here instead of spying on the console. TEST_LOGS=1 echoes them to stderr while debugging.
 */
export class CapturedLogs {
  readonly lines: Array<Record<string, unknown> & { service: string; msg: string; level: string }> = [];

  logger(service: string): Logger {
    return createLogger(service, {
      level: 'debug',
      format: 'json',
      destination: {
        write: (line: string) => {
          this.lines.push(JSON.parse(line));
          if (process.env.TEST_LOGS) process.stderr.write(line);
        },
      },
    });
  }

  /** Every line as text, one per line (for matching). */
  text(): string {
    return this.lines.map((line) => JSON.stringify(line)).join('\n');
  }
}
