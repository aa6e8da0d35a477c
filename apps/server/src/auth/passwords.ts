import { type Algorithm, hash, parseOptions, verify } from "@node-rs/argon2";

/** Argon2id's work factors, as the PHC string records them (m, t, p). */
export interface Argon2idCost {
  memoryKib: number;
  passes: number;
  parallelism: number;
}

/**
 * The OWASP Password Storage Cheat Sheet's first Argon2id setting: 19 MiB of memory, 2 passes,
 * 1 lane. About 45 ms per hash on this machine, so a sign-in stays quick while each guess costs
 * an attacker 19 MiB and the same time.
 */
export const recommendedArgon2idCost: Argon2idCost = { memoryKib: 19_456, passes: 2, parallelism: 1 };

// A const enum in the typings, absent at run time: Argon2id is 2.
const argon2id: Algorithm = 2;

export interface PasswordHasherOptions {
  cost?: Argon2idCost;
  /**
   * Tests only (see test-password-hasher.ts): accept a cost below the recommended one so that a
   * suite can hash hundreds of passwords quickly. Never set this in the server.
   */
  allowWeakCostForTests?: boolean;
}

/** Hashes and checks passwords with Argon2id (@node-rs/argon2, off the event loop). */
export class PasswordHasher {
  readonly cost: Argon2idCost;

  constructor(options: PasswordHasherOptions = {}) {
    const cost = options.cost ?? recommendedArgon2idCost;
    const weak = cost.memoryKib < recommendedArgon2idCost.memoryKib || cost.passes < recommendedArgon2idCost.passes;
    if (weak && !options.allowWeakCostForTests) {
      throw new Error(
        `Argon2id cost m=${cost.memoryKib} KiB, t=${cost.passes} is below the recommended ` +
          `m=${recommendedArgon2idCost.memoryKib} KiB, t=${recommendedArgon2idCost.passes}`,
      );
    }
    this.cost = cost;
  }

  /** A PHC string (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`) with a fresh random salt. */
  hash(password: string): Promise<string> {
    return hash(password, {
      algorithm: argon2id,
      memoryCost: this.cost.memoryKib,
      timeCost: this.cost.passes,
      parallelism: this.cost.parallelism,
    });
  }

  /** Checks with the parameters recorded in the hash, so older hashes keep working after a cost change. */
  verify(passwordHash: string, password: string): Promise<boolean> {
    return verify(passwordHash, password);
  }

  /** Whether a hash was made with other parameters than this hasher's: rehash it at the next sign-in. */
  needsRehash(passwordHash: string): boolean {
    const used = parseOptions(passwordHash);
    return (
      used.algorithm !== argon2id ||
      used.memoryCost !== this.cost.memoryKib ||
      used.timeCost !== this.cost.passes ||
      used.parallelism !== this.cost.parallelism
    );
  }
}
