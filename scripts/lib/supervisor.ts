import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** How long a process waits before its next restart: doubling from `initialMs`, at most `maxMs`. */
export interface Backoff {
  initialMs: number;
  maxMs: number;
  /** A process that ran this long before it crashed starts the doubling again. */
  resetAfterMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 500, maxMs: 15_000, resetAfterMs: 30_000 };

export interface ProcessSpec {
  name: string;
  /** The script to fork (TypeScript, run with the loader in execArgv). */
  entry: string;
  execArgv: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

interface Supervised {
  spec: ProcessSpec;
  child: ChildProcess | null;
  startedAt: number;
  failures: number;
  restart: NodeJS.Timeout | null;
  url: string | null;
}

/**
 * Keeps the hub's processes running, as an init system would in production: each one is forked and
 * waited for (its `ready` message); one that exits while the hub is not stopping is started again
 * after a backoff, while the others keep serving. `stop()` stops them in the reverse order they were
 * added (the gateway before the subgraphs), each with SIGTERM and, after `forceAfterMs`, SIGKILL.
 */
export class Supervisor {
  private readonly processes: Supervised[] = [];
  private stopping = false;

  constructor(private readonly options: { log: (message: string) => void; backoff?: Backoff; forceAfterMs?: number }) {}

  /** Starts a process and resolves with the URL it announced; rejects if its first start fails. */
  start(spec: ProcessSpec): Promise<string> {
    const supervised: Supervised = { spec, child: null, startedAt: 0, failures: 0, restart: null, url: null };
    this.processes.push(supervised);
    return this.launch(supervised);
  }

  /** The process's current child, for tests and the banner. */
  pid(name: string): number | undefined {
    return this.processes.find((supervised) => supervised.spec.name === name)?.child?.pid;
  }

  private launch(supervised: Supervised): Promise<string> {
    const { spec } = supervised;
    const child = fork(spec.entry, [], { cwd: spec.cwd, execArgv: spec.execArgv, env: spec.env });
    supervised.child = child;
    supervised.startedAt = Date.now();
    return new Promise((resolve, reject) => {
      let ready = false;
      child.on('message', (message: { type?: string; url?: string }) => {
        if (message.type !== 'ready' || !message.url) return;
        ready = true;
        supervised.url = message.url;
        resolve(message.url);
      });
      child.on('exit', (code, signal) => {
        if (supervised.child === child) supervised.child = null;
        if (this.stopping) return;
        const reason = `${spec.name} exited (${signal ?? `exit code ${code}`})`;
        // A first start that fails stops npm start (a bad config would only crash again); later crashes restart.
        if (supervised.url !== null) this.scheduleRestart(supervised, reason);
        if (!ready) reject(new Error(reason));
      });
    });
  }

  private scheduleRestart(supervised: Supervised, reason: string): void {
    const { backoff = DEFAULT_BACKOFF } = this.options;
    if (Date.now() - supervised.startedAt >= backoff.resetAfterMs) supervised.failures = 0;
    const waitMs = Math.min(backoff.maxMs, backoff.initialMs * 2 ** supervised.failures);
    supervised.failures += 1;
    this.options.log(`${reason}; restarting it in ${(waitMs / 1000).toFixed(1)} s`);
    supervised.restart = setTimeout(() => {
      supervised.restart = null;
      if (this.stopping) return;
      this.launch(supervised).then(
        (url) => this.options.log(`${supervised.spec.name} is back at ${url} (pid ${supervised.child?.pid})`),
        () => undefined, // its exit already scheduled the next attempt
      );
    }, waitMs);
  }

  /** Stops every process, the last added first; resolves with the names that had to be forced. */
  async stop(): Promise<string[]> {
    this.stopping = true;
    const forced: string[] = [];
    for (const supervised of [...this.processes].reverse()) {
      if (supervised.restart) clearTimeout(supervised.restart);
      const child = supervised.child;
      if (!child || child.exitCode !== null || child.signalCode !== null) continue;
      await new Promise<void>((resolve) => {
        const kill = setTimeout(() => child.kill('SIGKILL'), this.options.forceAfterMs ?? 8_000);
        child.once('exit', (code, signal) => {
          clearTimeout(kill);
          // A process that had to be forced (its own deadline, or SIGKILL) did not close cleanly.
          if (code !== 0) forced.push(`${supervised.spec.name} (${signal ?? `exit code ${code}`})`);
          resolve();
        });
        child.kill('SIGTERM');
      });
    }
    return forced;
  }
}

/**
 * Calls `onOrphaned` when the process that started this one goes away. `npm start` runs node under
 * npm and a shell; npm does not pass SIGTERM on, so `kill <npm>` would leave the hub running. The
 * ancestors up to npm are read from /proc once and polled; elsewhere only the parent is watched.
 */
export function watchForOrphaning(onOrphaned: () => void, intervalMs = 1_000): () => void {
  const watched = ancestorsUpToNpm();
  const parent = process.ppid;
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
  };
  const timer = setInterval(() => {
    if (process.ppid !== parent || !watched.every(alive)) {
      clearInterval(timer);
      onOrphaned();
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** This process's ancestors from its parent up to the nearest npm (at most five), or just the parent. */
function ancestorsUpToNpm(): number[] {
  const chain: number[] = [];
  let pid = process.ppid;
  try {
    for (let depth = 0; depth < 5 && pid > 1; depth += 1) {
      chain.push(pid);
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (/(^|\/)npm(-cli\.js)?\b/.test(command) || command.includes('npm-cli.js')) return chain;
      // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces and parentheses, so read after the last ')'.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      pid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    }
  } catch {
    // No /proc (not Linux): the parent alone.
  }
  return [process.ppid];
}
