/**
 * Which hosts a subgraph's routing URL may name (docs/ARCHITECTURE.md, "Safety of foreign
 * subgraphs"): those an admin approved for that subgraph, plus the deployment's defaults (loopback
 * in development, none in production). The gateway sends a published subgraph nothing — no query,
 * no identity — at a host that is not approved for it.
 */
export class HostApprovals {
  private approvals = new Map<string, Set<string>>();

  constructor(private readonly defaults: readonly string[]) {}

  /** What the registry's table holds now (subgraph → hosts). */
  replace(approvals: Map<string, Set<string>>): void {
    this.approvals = approvals;
  }

  allows(subgraph: string, url: string): boolean {
    return allowedBy([...this.defaults, ...(this.approvals.get(subgraph) ?? [])], url);
  }
}

/** Whether `url`'s host (with or without its port) is one of `hosts`. */
export function allowedBy(hosts: Iterable<string>, url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const names = new Set([parsed.host.toLowerCase(), parsed.hostname.toLowerCase()]);
  for (const host of hosts) if (names.has(host)) return true;
  return false;
}

/** A host as approvals store it (`name`, `name:port`, `[v6]`, `[v6]:port`, lower case), or null when it is none. */
export function normalizeHost(value: string): string | null {
  if (!/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i.test(value)) return null;
  try {
    const parsed = new URL(`http://${value}`);
    return parsed.host === value.toLowerCase() || parsed.hostname === value.toLowerCase() ? value.toLowerCase() : null;
  } catch {
    return null;
  }
}

export const hostOf = (url: string): string => new URL(url).host.toLowerCase();
