import { PasswordHasher } from "./passwords.ts";

/**
 * For tests only: Argon2id with 1 MiB and 1 pass (about 1 ms per hash instead of 45), so that
 * suites signing in many times stay fast. The algorithm and the code path are the server's.
 */
export function createTestPasswordHasher(): PasswordHasher {
  return new PasswordHasher({ cost: { memoryKib: 1_024, passes: 1, parallelism: 1 }, allowWeakCostForTests: true });
}
