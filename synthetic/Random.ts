/**
 * A small seeded generator (sfc32 seeded through a 32-bit FNV-1a mix of its key parts).
 * The same (seed, parts) always yields the same sequence on every machine, so each record
 * can be generated on its own, by index, in any process: the subgraphs seed their tables
 * independently and still agree on who is who.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(...key: readonly (string | number)[]) {
    const text = key.join('\u0000');
    this.a = fnv1a(text, 0x811c9dc5);
    this.b = fnv1a(text, 0x9e3779b9);
    this.c = fnv1a(text, 0x85ebca6b);
    this.d = fnv1a(text, 0xc2b2ae35);
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks by weight: `[[value, weight], ...]`. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [value, weight] of choices) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return choices[choices.length - 1]![0];
  }

  /** Digits as a string of the given length. */
  digits(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += String(this.int(0, 9));
    return out;
  }

  /** A date between two ISO dates (inclusive), as `YYYY-MM-DD`. */
  date(from: string, to: string): string {
    return this.instant(`${from}T00:00:00Z`, `${to}T23:59:59Z`).slice(0, 10);
  }

  /** An instant between two ISO instants, as an ISO string with milliseconds. */
  instant(from: string, to: string): string {
    const start = Date.parse(from);
    const end = Date.parse(to);
    return new Date(start + Math.floor(this.next() * (end - start))).toISOString();
  }
}

function fnv1a(text: string, basis: number): number {
  let hash = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
