import type { FetcherHeaders, FetcherResponse } from '@apollo/utils.fetcher';
import { STATUS_CODES } from 'node:http';

/** A subgraph answer's headers: names in lower case, one value each (repeated ones joined, as fetch does). */
class AnswerHeaders implements FetcherHeaders {
  private readonly map: Map<string, string>;

  constructor(entries: Iterable<[string, string]> = []) {
    this.map = new Map([...entries].map(([name, value]) => [name.toLowerCase(), value]));
  }

  append(name: string, value: string): void {
    const key = name.toLowerCase();
    const before = this.map.get(key);
    this.map.set(key, before === undefined ? value : `${before}, ${value}`);
  }
  delete(name: string): void {
    this.map.delete(name.toLowerCase());
  }
  get(name: string): string | null {
    return this.map.get(name.toLowerCase()) ?? null;
  }
  has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }
  set(name: string, value: string): void {
    this.map.set(name.toLowerCase(), value);
  }
  entries(): IterableIterator<[string, string]> {
    return this.map.entries();
  }
  keys(): IterableIterator<string> {
    return this.map.keys();
  }
  values(): IterableIterator<string> {
    return this.map.values();
  }
  forEach(callback: (value: string, key: string, parent: FetcherHeaders) => void): void {
    for (const [key, value] of this.map) callback(value, key, this);
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.map.entries();
  }
}

/**
 * A subgraph's answer, read whole, as @apollo/gateway reads it (status, headers, text or JSON). Not
 * a fetch `Response`: building one (and its `Headers` and body stream) for every subgraph call was a
 * tenth of the gateway's CPU under check-ins; this is a string and a map.
 */
export class SubgraphAnswer implements FetcherResponse {
  readonly bodyUsed = false;
  readonly redirected = false;
  readonly ok: boolean;
  readonly statusText: string;
  readonly headers: AnswerHeaders;

  constructor(readonly url: string, readonly status: number, headers: Iterable<[string, string]>, private readonly body: string) {
    this.ok = status >= 200 && status < 300;
    this.statusText = STATUS_CODES[status] ?? '';
    this.headers = new AnswerHeaders(headers);
  }

  async text(): Promise<string> {
    return this.body;
  }
  async json(): Promise<unknown> {
    return JSON.parse(this.body);
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    return new TextEncoder().encode(this.body).buffer as ArrayBuffer;
  }
  clone(): SubgraphAnswer {
    return new SubgraphAnswer(this.url, this.status, this.headers, this.body);
  }
}

/** undici's `request` headers (a value or several per name) as entries. */
export function headerEntries(headers: Record<string, string | string[] | undefined>): Array<[string, string]> {
  const entries: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    entries.push([name, Array.isArray(value) ? value.join(', ') : value]);
  }
  return entries;
}
