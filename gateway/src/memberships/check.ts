import { LRUCache } from 'lru-cache';
import { hubError, type Identity } from '@kepuri/platform';

export type HeldRole = 'organizer' | 'supervisor';
export interface MembershipRow {
  organizationId: string;
  role: HeldRole;
}

export interface MembershipCheckOptions {
  /** A user's memberships, from the subgraph that owns them. */
  lookup: (userSub: string) => Promise<MembershipRow[]>;
  /** How long a user's memberships are trusted before they are read again (a removal takes effect within it). */
  ttlMs: number;
  /** Users whose memberships are kept at once. */
  max: number;
  /** The mutation that grants a membership, named in a refusal (from the graph). */
  grantedBy?: () => string | null | undefined;
}

/**
 * A token's `org` claim is only a claim: the user (`sub`) must act for that organisation, as the
 * subgraph that owns memberships records. Organizer tokens need an organizer or supervisor
 * membership there, supervisor tokens a supervisor one. Each user's memberships are read once per
 * `ttlMs` (concurrent requests share the read) and forgotten when that subgraph announces a change
 * of them; when it cannot answer, the last known memberships stand in, and without any the request
 * fails closed.
 */
function permits(role: Identity['role'], held: HeldRole | undefined): boolean {
  return held === 'supervisor' || (held === 'organizer' && role === 'organizer');
}

export class MembershipCheck {
  private readonly cache: LRUCache<string, ReadonlyMap<string, HeldRole>>;

  private readonly ttlMs: number;
  private readonly grantedBy: () => string | null | undefined;
  private readonly recheckAfterMs: number;
  private readonly forgetListeners: Array<(userSub: string) => void> = [];

  constructor(options: MembershipCheckOptions) {
    this.ttlMs = options.ttlMs;
    this.grantedBy = options.grantedBy ?? (() => null);
    this.recheckAfterMs = Math.min(1_000, options.ttlMs);
    this.cache = new LRUCache<string, ReadonlyMap<string, HeldRole>>({
      max: options.max,
      ttl: options.ttlMs,
      allowStaleOnFetchRejection: true,
      noDeleteOnFetchRejection: true,
      fetchMethod: async (userSub) => new Map((await options.lookup(userSub)).map((row) => [row.organizationId, row.role])),
    });
  }

  private async memberships(userSub: string, forceRefresh = false): Promise<ReadonlyMap<string, HeldRole>> {
    let failure = 'no answer';
    // Undefined when the read failed and nothing was known before (a failed read keeps the stale
    // value), or when a change event forgot the user while the read was under way: read once more.
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const memberships = await this.cache.fetch(userSub, { forceRefresh: forceRefresh || attempt > 0 });
        if (memberships) return memberships;
      } catch (error) {
        failure = (error as Error).message;
      }
    }
    throw hubError('DOWNSTREAM_SERVICE_ERROR', `The memberships of ${userSub} could not be read (${failure}); try again later`, {
      http: { status: 503 },
    });
  }

  private ageMs(userSub: string): number {
    const remaining = this.cache.getRemainingTTL(userSub);
    return remaining > 0 && Number.isFinite(remaining) ? this.ttlMs - remaining : Infinity;
  }

  /** `fresh`: read the memberships again now (they just changed), not from what was kept. */
  async verify(identity: Identity, fresh = false): Promise<Identity> {
    if (identity.role !== 'organizer' && identity.role !== 'supervisor') return identity;
    if (!identity.sub) throw hubError('UNAUTHENTICATED', `A ${identity.role} token must name its user (claim sub)`);
    if (!identity.org) throw hubError('UNAUTHENTICATED', `A ${identity.role} token must name its organisation (claim org)`);
    let held = (await this.memberships(identity.sub, fresh)).get(identity.org);
    // A membership granted since the last read counts at once: a refused claim reads again, at most once a second per user.
    if (!permits(identity.role, held) && this.ageMs(identity.sub) >= this.recheckAfterMs) {
      held = (await this.memberships(identity.sub, true)).get(identity.org);
    }
    if (!permits(identity.role, held)) {
      throw hubError(
        'FORBIDDEN',
        `${identity.sub} does not act for organisation ${identity.org} as ${identity.role}` +
          (held ? ` (the membership is ${held})` : ` (no membership: its managers grant one${this.grantedBy() ? ` with ${this.grantedBy()}` : ''})`),
        { http: { status: 403 } },
      );
    }
    return identity;
  }

  /**
   * A user's memberships just changed (the owning subgraph's event): what is known of them
   * expires at once, so the next request reads them again, but stays as the last known answer in
   * case that read fails (the event may also arrive after a read that already saw the change).
   */
  forget(userSub: string): void {
    const known = this.cache.peek(userSub, { allowStale: true });
    if (known) this.cache.set(userSub, known, { ttl: 1 });
    else this.cache.delete(userSub);
    for (const listener of this.forgetListeners) listener(userSub);
  }

  /** Called with each user whose memberships changed, after what was known of them expired. */
  onForget(listener: (userSub: string) => void): void {
    this.forgetListeners.push(listener);
  }
}
