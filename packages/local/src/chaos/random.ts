import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import type { RandomGenerator } from "pure-rand/types/RandomGenerator";

/**
 * The chaos run's dice. Every decision draws from a stream named after what it decides (the
 * workload, each proxy, the kills), each seeded from the run's seed, so one part drawing more or less
 * (a retry under load) does not shift the decisions of another: the same seed, the same faults.
 */
export class Dice {
  private readonly rng: RandomGenerator;

  constructor(
    readonly seed: number,
    stream = "",
  ) {
    this.rng = xoroshiro128plus(mixSeed(seed, stream));
  }

  /** An independent stream for one part of the run. */
  stream(name: string): Dice {
    return new Dice(this.seed, name);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return uniformFloat64(this.rng);
  }

  /** True with probability `rate`. */
  chance(rate: number): boolean {
    return rate > 0 && this.next() < rate;
  }

  /** An integer in [from, to]. */
  int(from: number, to: number): number {
    return uniformInt(this.rng, from, to);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("nothing to pick from");
    return items[this.int(0, items.length - 1)] as T;
  }

  /** One of the keys, each with the weight given. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [key, weight] of entries) {
      roll -= weight;
      if (roll < 0) return key;
    }
    return entries[entries.length - 1]![0];
  }
}

/** A 32-bit seed from the run's seed and a stream name (FNV-1a over both). */
function mixSeed(seed: number, stream: string): number {
  let hash = 0x811c9dc5;
  for (const char of `${seed}:${stream}`) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/** A seed for a run that was given none (printed, so the run can be repeated). */
export function freshSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}
