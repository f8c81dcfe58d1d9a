import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

/** A mistake in how the tool was called: the message and the usage go to stderr, exit code 2. */
export class UsageError extends Error {}

export interface CliSpec<O extends ParseArgsOptionsConfig> {
  /** The whole usage text, starting `Usage: npm run …`. */
  usage: string;
  options: O;
  allowPositionals?: boolean;
}

/**
 * How every `npm run` tool reads its arguments (node:util parseArgs, strict): `--help` prints the
 * usage and exits 0; an unknown option or a missing value exits 2 with the reason and the usage.
 */
export function parseCli<O extends ParseArgsOptionsConfig>(spec: CliSpec<O>, argv: string[] = process.argv.slice(2)) {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(spec.usage);
    process.exit(0);
  }
  try {
    return parseArgs({ args: argv, options: spec.options, allowPositionals: spec.allowPositionals ?? false, strict: true });
  } catch (error) {
    // Tools parse at load, before main runs: answer here rather than throw past runCli.
    console.error(`${(error as Error).message}\n\n${spec.usage}`);
    process.exit(2);
  }
}

/** A numeric option: an integer within bounds, or a UsageError naming it. */
export function integerOption(name: string, value: string | undefined, fallback: number, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max} (got ${value})`);
  return parsed;
}

/**
 * Runs a tool's main and exits with its code: a UsageError exits 2 with the usage; anything else
 * exits `failureCode` (1) with its message, and its stack only when DEBUG is set.
 */
export function runCli(usage: string, main: () => Promise<number | void>, failureCode = 1): void {
  main().then(
    (code) => process.exit(code ?? 0),
    (error: unknown) => {
      if (error instanceof UsageError) {
        console.error(`${error.message}\n\n${usage}`);
        process.exit(2);
      }
      const message = error instanceof Error ? error.message : String(error);
      console.error(process.env.DEBUG && error instanceof Error ? error.stack : `Failed: ${message}`);
      process.exit(failureCode);
    },
  );
}
