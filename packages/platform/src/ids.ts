import { createHash } from 'node:crypto';

/** Namespace for the hub's name-based ids (RFC 9562 UUID v5). */
const HUB_NAMESPACE = Buffer.from('6f1d0c2e4b7a4e0d9a3c5b8e2f1a7c90', 'hex');

/**
 * A deterministic UUID (v5) for a name such as "org:中国科协" or "event:2020:17".
 * Every subgraph's seed derives the same ids from the same names, so seeds can refer to each
 * other's entities without reading each other's tables.
 */
export function nameUuid(name: string): string {
  const hash = createHash('sha1').update(HUB_NAMESPACE).update(name, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}
