import type { SupergraphSdlHook } from '@apollo/gateway';
import { EventListener } from '@kepuri/platform';
import type { HostApprovals } from './hosts';
import { REGISTRY_CHANNEL_SUBGRAPH, type RegistryStorage } from './storage';

export interface RegistrySupergraphFeedOptions {
  storage: RegistryStorage;
  /** The approved hosts, read again with every change the registry announces. */
  hosts?: HostApprovals;
  /** The gateway database's URL, for the dedicated LISTEN connection. */
  databaseUrl: string;
  /** Fallback poll of the active pointer, for a NOTIFY lost while the LISTEN connection was down. */
  pollIntervalMs: number;
  log: (message: string) => void;
  /** Called on every refresh (a NOTIFY or the poll) after the supergraph: the registered documents follow it. */
  onRefresh?: () => Promise<void>;
  /** Called after each swap attempt (metrics, tests). */
  onSwap?: (outcome: { supergraph: number; ok: boolean; error?: string }) => void;
}

/**
 * Feeds @apollo/gateway the registry's active supergraph and every later one: told by NOTIFY (every
 * gateway on the database hears each committed change), with a periodic poll as fallback. A swap
 * goes through the gateway's `update` hook, so requests already running finish on the schema they
 * started with; an SDL the gateway refuses leaves the previous supergraph serving, and is logged.
 */
export class RegistrySupergraphFeed {
  private update: ((sdl: string) => void) | null = null;
  private listener: EventListener | null = null;
  private poll: NodeJS.Timeout | null = null;
  /** The supergraph version being served, and one that failed (not retried until another comes). */
  current: number | null = null;
  private failed: number | null = null;
  private refreshing: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly options: RegistrySupergraphFeedOptions) {}

  readonly hook: SupergraphSdlHook = async ({ update }) => {
    const active = await this.options.storage.active();
    if (!active) throw new Error('The subgraph registry has no supergraph yet');
    this.options.hosts?.replace(await this.options.storage.approvedHosts());
    this.current = active.id;
    this.update = update;
    this.listener = new EventListener({
      url: this.options.databaseUrl,
      subgraph: REGISTRY_CHANNEL_SUBGRAPH,
      onEvent: () => void this.refresh(),
      log: (message) => this.options.log(message),
    });
    await this.listener.start();
    this.poll = setInterval(() => void this.refresh(), this.options.pollIntervalMs);
    this.poll.unref();
    return { supergraphSdl: active.sdl, cleanup: () => this.stop() };
  };

  /** Whether the LISTEN connection is up (readiness). */
  get listening(): boolean {
    return this.listener?.connected ?? false;
  }

  /** Loads the active supergraph and swaps to it when it is another one; calls run one after another. */
  refresh(): Promise<void> {
    // The swap first: a new supergraph is what a publisher waits for; the documents follow.
    this.refreshing = this.refreshing.then(() => this.swapToActive()).then(() => this.options.onRefresh?.()).catch((error: unknown) => {
      this.options.log(`reading the active supergraph failed: ${(error as Error).message}`);
    });
    return this.refreshing;
  }

  private async swapToActive(): Promise<void> {
    if (this.stopped || !this.update) return;
    this.options.hosts?.replace(await this.options.storage.approvedHosts());
    const active = await this.options.storage.active();
    if (!active || active.id === this.current || active.id === this.failed) return;
    try {
      this.update(active.sdl);
      this.options.log(`now serving supergraph version ${active.id} (was ${this.current})`);
      this.current = active.id;
      this.failed = null;
      this.options.onSwap?.({ supergraph: active.id, ok: true });
    } catch (error) {
      this.failed = active.id;
      const message = (error as Error).message;
      this.options.log(`supergraph version ${active.id} could not be loaded, still serving ${this.current}: ${message}`);
      this.options.onSwap?.({ supergraph: active.id, ok: false, error: message });
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.poll) clearInterval(this.poll);
    this.poll = null;
    await this.listener?.stop();
    await this.refreshing;
  }
}
