import { createRng } from '@kepuri/seed';

/**
 * Deterministic randomness for the generator: every table draws from its own seeded sequence, so
 * the same scale gives the same rows whatever order the databases are loaded in.
 */
export type Rng = () => number;

export { createRng };

export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];
export const between = (rng: Rng, low: number, high: number): number => low + Math.floor(rng() * (high - low + 1));

/** A standard normal draw (Box–Muller). */
export function normal(rng: Rng): number {
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A log-normally distributed positive number with the given median. */
export function logNormal(rng: Rng, median: number, sigma: number): number {
  return median * Math.exp(sigma * normal(rng));
}

/** Picks an index with probability proportional to its weight (cumulative weights, binary search). */
export class WeightedPicker {
  private readonly cumulative: Float64Array;
  constructor(weights: readonly number[]) {
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    weights.forEach((weight, index) => {
      sum += weight;
      this.cumulative[index] = sum;
    });
    if (!(sum > 0)) throw new Error('WeightedPicker needs a positive weight');
  }
  pick(rng: Rng): number {
    const target = rng() * this.cumulative[this.cumulative.length - 1];
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.cumulative[middle] > target) high = middle;
      else low = middle + 1;
    }
    return low;
  }
}

/** murmur3's finaliser: a bijection on 32-bit integers that scatters consecutive inputs. */
export function mix32(input: number): number {
  let x = input >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
const hex32 = (word: number) => HEX[word >>> 24] + HEX[(word >>> 16) & 0xff] + HEX[(word >>> 8) & 0xff] + HEX[word & 0xff];

/**
 * A random-looking version-4-shaped UUID for row `index` of the table salted `salt`, without
 * hashing: the first 32 bits are a bijection of the index, so ids of one table never collide
 * (for fewer than 2^32 rows); the rest only looks random.
 */
export function fastUuid(salt: number, index: number): string {
  const first = mix32((index ^ Math.imul(salt, 0x9e3779b1)) >>> 0);
  const second = (mix32(first + salt) & 0xffff0fff) | 0x00004000;
  const third = ((mix32(first ^ 0x68e31da4) & 0x3fffffff) | 0x80000000) >>> 0;
  const fourth = mix32(first + 0x1b56c4e9 + salt);
  const a = hex32(first);
  const b = hex32(second);
  const c = hex32(third);
  return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${hex32(fourth)}`;
}

/** The smallest prime at least `n`: a user pool of prime size makes every stride a permutation. */
export function primeAtLeast(n: number): number {
  const isPrime = (candidate: number) => {
    if (candidate < 2) return false;
    for (let divisor = 2; divisor * divisor <= candidate; divisor += 1) if (candidate % divisor === 0) return false;
    return true;
  };
  let candidate = Math.max(2, Math.ceil(n));
  while (!isPrime(candidate)) candidate += 1;
  return candidate;
}

export function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** A stride in [1, n) coprime with n, derived from `seed`: (base + j * stride) mod n visits n distinct values. */
export function coprimeStride(n: number, seed: number): number {
  if (n <= 2) return 1;
  let stride = 1 + (seed % (n - 1));
  while (gcd(stride, n) !== 1) stride = stride + 1 >= n ? 1 : stride + 1;
  return stride;
}

/**
 * Splits `total` over items in proportion to `weights`, exactly (largest remainders), never giving
 * an item more than its `capacity`; what a full item cannot take goes to the others in turn.
 */
export function allocate(total: number, weights: Float64Array, capacity: (index: number) => number): Int32Array {
  const counts = new Int32Array(weights.length);
  let remaining = total;
  const open = new Uint8Array(weights.length);
  for (let i = 0; i < weights.length; i += 1) open[i] = weights[i] > 0 && capacity(i) > 0 ? 1 : 0;
  for (let round = 0; remaining > 0 && round < 50; round += 1) {
    let sum = 0;
    for (let i = 0; i < weights.length; i += 1) if (open[i]) sum += weights[i];
    if (sum <= 0) break;
    const fractions: Array<[number, number]> = [];
    let given = 0;
    for (let i = 0; i < weights.length; i += 1) {
      if (!open[i]) continue;
      const exact = (remaining * weights[i]) / sum;
      const room = capacity(i) - counts[i];
      const whole = Math.min(Math.floor(exact), room);
      counts[i] += whole;
      given += whole;
      if (counts[i] >= capacity(i)) open[i] = 0;
      else fractions.push([exact - Math.floor(exact), i]);
    }
    remaining -= given;
    fractions.sort((x, y) => y[0] - x[0] || x[1] - y[1]);
    for (const [, i] of fractions) {
      if (remaining === 0) break;
      if (counts[i] < capacity(i)) {
        counts[i] += 1;
        remaining -= 1;
        if (counts[i] >= capacity(i)) open[i] = 0;
      }
    }
  }
  if (remaining > 0) throw new Error(`cannot place ${remaining} of ${total} rows: every item is full`);
  return counts;
}
