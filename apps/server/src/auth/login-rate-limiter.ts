import { RateLimiterMemory, type RateLimiterRes } from "rate-limiter-flexible";

export interface AttemptLimit {
  attempts: number;
  windowSeconds: number;
}

export interface LoginRateLimits {
  /** Slows guessing one account's password from many addresses. */
  perAccount: AttemptLimit;
  /** Slows one address guessing across many accounts (password spraying). */
  perIp: AttemptLimit;
}

export const defaultLoginRateLimits: LoginRateLimits = {
  perAccount: { attempts: 5, windowSeconds: 15 * 60 },
  perIp: { attempts: 20, windowSeconds: 15 * 60 },
};

/**
 * Limits failed sign-ins per account and per IP address, with rate-limiter-flexible's in-memory
 * counters: a key allows `attempts` failures in a window that starts at its first one.
 *
 * An attempt is counted before its password is checked and given back when it succeeds, so that
 * guesses sent in parallel cannot all pass a check made before any of them failed.
 *
 * Counts live in this process: with several replicas, each allows its own share.
 */
export class LoginRateLimiter {
  private readonly byAccount: RateLimiterMemory;
  private readonly byIp: RateLimiterMemory;

  constructor(private readonly limits: LoginRateLimits = defaultLoginRateLimits) {
    this.byAccount = new RateLimiterMemory({
      keyPrefix: "login-account",
      points: limits.perAccount.attempts,
      duration: limits.perAccount.windowSeconds,
    });
    this.byIp = new RateLimiterMemory({
      keyPrefix: "login-ip",
      points: limits.perIp.attempts,
      duration: limits.perIp.windowSeconds,
    });
  }

  /**
   * Counts an attempt that is about to check a password. Returns 0 when it may go ahead, or how
   * many milliseconds until one may (the refused attempt is then not counted).
   */
  async reserveAttempt(username: string, ip: string): Promise<number> {
    const account = accountKey(username);
    const [byAccount, byIp] = await Promise.all([this.byAccount.penalty(account), this.byIp.penalty(ip)]);
    const waitMs = Math.max(
      waitOf(byAccount, this.limits.perAccount.attempts),
      waitOf(byIp, this.limits.perIp.attempts),
    );
    if (waitMs > 0) await Promise.all([this.byAccount.reward(account), this.byIp.reward(ip)]);
    return waitMs;
  }

  /**
   * The reserved attempt succeeded: the account starts again from zero and the address gets its
   * attempt back. (Not zero for the address: signing in to an account of one's own between
   * guesses at others must not reset it.)
   */
  async recordSuccess(username: string, ip: string): Promise<void> {
    await Promise.all([this.byAccount.delete(accountKey(username)), this.byIp.reward(ip)]);
  }
}

function waitOf(counter: RateLimiterRes, allowed: number): number {
  return counter.consumedPoints > allowed ? Math.max(counter.msBeforeNext, 1) : 0;
}

/** Usernames are unique ignoring case, so "Admin" and "admin" share a count. */
function accountKey(username: string): string {
  return username.toLowerCase();
}
