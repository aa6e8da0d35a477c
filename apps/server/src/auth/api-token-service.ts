import {
  type ApiToken,
  type ApiTokenWithOwner,
  type Database,
  findActiveApiTokenByHash,
  findApiTokenById,
  findUserById,
  insertApiToken,
  listAllApiTokens,
  listApiTokensForUser,
  revokeApiToken,
  touchApiToken,
} from "@fleetdeck/db";
import type { Clock } from "@fleetdeck/sources";
import { type AuditContext, withAudit } from "../audit/audit-writer.ts";
import { InvalidRequestError, NotFoundError } from "../infra/errors.ts";
import { type Identity, type Role, rolesOf } from "./identity.ts";
import { apiTokenPrefix, generateApiToken, hashToken } from "./tokens.ts";

export interface ApiTokenServiceOptions {
  clock: Clock;
  /** Use is recorded at most this often, to spare the database a write per request. Default 1 minute. */
  touchIntervalMs?: number;
}

export interface NewApiTokenRequest {
  userId: string;
  name: string;
  roles: readonly Role[];
  expiresAtMs?: number | null;
  /** Instead of expiresAtMs: the token expires this many days from now. */
  expiresInDays?: number;
}

export interface CreatedApiToken {
  /** The secret, shown this once: only its hash is stored. */
  token: string;
  apiToken: ApiToken;
}

const bearerPattern = /^Bearer +(\S+) *$/i;
const maxTokenNameLength = 100;
const dayMs = 86_400_000;

/** API tokens for scripts and CI: each acts for its owner with at most the roles it was given. */
export class ApiTokenService {
  private readonly clock: Clock;
  private readonly touchIntervalMs: number;

  constructor(
    private readonly db: Database,
    options: ApiTokenServiceOptions,
  ) {
    this.clock = options.clock;
    this.touchIntervalMs = options.touchIntervalMs ?? 60_000;
  }

  /** Creates a token for the user with some of the roles the user holds now. */
  async create(request: NewApiTokenRequest, context: AuditContext): Promise<CreatedApiToken> {
    const nowMs = this.clock.nowMs();
    const name = request.name.trim();
    if (name.length === 0 || name.length > maxTokenNameLength) {
      throw new InvalidRequestError(`Name the token in 1 to ${maxTokenNameLength} characters`);
    }
    if (request.roles.length === 0) throw new InvalidRequestError("Give the token at least one role");
    const expiresAtMs =
      request.expiresAtMs ?? (request.expiresInDays === undefined ? null : nowMs + request.expiresInDays * dayMs);
    if (expiresAtMs !== null && expiresAtMs <= nowMs) throw new InvalidRequestError("The expiry must be in the future");
    const owner = await findUserById(this.db, request.userId);
    if (!owner) throw new NotFoundError(`No user with id "${request.userId}"`);
    const missing = request.roles.filter((role) => !owner.roles.includes(role));
    if (missing.length > 0) {
      throw new InvalidRequestError(`${owner.username} does not hold the role(s) ${missing.join(", ")}`);
    }

    const token = generateApiToken();
    const apiToken = await withAudit(
      this.db,
      { ...context, action: "api-token.create", entityType: "api-token" },
      async (tx) => {
        const inserted = await insertApiToken(tx, {
          userId: owner.id,
          name,
          tokenHash: hashToken(token),
          roles: request.roles,
          createdAtMs: nowMs,
          expiresAtMs,
        });
        return { result: inserted, entityId: inserted.id, after: summaryOf(inserted) };
      },
    );
    return { token, apiToken };
  }

  /**
   * The identity behind an `Authorization: Bearer fdk_…` header value, or null when there is no
   * such header or the token is unknown, revoked, expired, or its owner disabled or left without
   * any of its roles.
   */
  async resolveBearer(authorization: string | undefined): Promise<Identity | null> {
    const token = authorization === undefined ? undefined : bearerPattern.exec(authorization)?.[1];
    if (!token?.startsWith(apiTokenPrefix)) return null;
    const nowMs = this.clock.nowMs();
    const found = await findActiveApiTokenByHash(this.db, hashToken(token), nowMs);
    if (!found || found.owner.disabled) return null;
    const { apiToken, owner } = found;
    // The token never does more than its owner may do today.
    const roles = rolesOf(apiToken.roles.filter((role) => owner.roles.includes(role)));
    if (roles.length === 0) return null;
    if (apiToken.lastUsedAtMs === null || nowMs - apiToken.lastUsedAtMs >= this.touchIntervalMs) {
      await touchApiToken(this.db, apiToken.id, nowMs);
    }
    return {
      kind: "token",
      userId: owner.id,
      username: owner.username,
      roles,
      tokenId: apiToken.id,
      mustChangePassword: false,
    };
  }

  /** The user's tokens, revoked and expired ones included, newest first; never their secrets. */
  list(userId: string): Promise<ApiToken[]> {
    return listApiTokensForUser(this.db, userId);
  }

  /** Every user's tokens with their owner's username, newest first, for an admin to review. */
  listAll(): Promise<ApiTokenWithOwner[]> {
    return listAllApiTokens(this.db);
  }

  /**
   * Revokes a token; with ownerUserId, only if that user owns it (a user revoking their own).
   * Returns false when it was already revoked.
   */
  async revoke(tokenId: string, context: AuditContext, options: { ownerUserId?: string } = {}): Promise<boolean> {
    const nowMs = this.clock.nowMs();
    return withAudit(
      this.db,
      { ...context, action: "api-token.revoke", entityType: "api-token", entityId: tokenId },
      async (tx) => {
        const apiToken = await findApiTokenById(tx, tokenId);
        if (!apiToken || (options.ownerUserId !== undefined && apiToken.userId !== options.ownerUserId)) {
          throw new NotFoundError(`No API token with id "${tokenId}"`);
        }
        const revoked = await revokeApiToken(tx, tokenId, nowMs);
        return {
          result: revoked,
          unchanged: !revoked,
          before: summaryOf(apiToken),
          after: summaryOf({ ...apiToken, revokedAtMs: nowMs }),
        };
      },
    );
  }
}

function summaryOf(apiToken: ApiToken) {
  return {
    userId: apiToken.userId,
    name: apiToken.name,
    roles: apiToken.roles,
    expiresAtMs: apiToken.expiresAtMs,
    revokedAtMs: apiToken.revokedAtMs,
  };
}
