import { type Column, DataTable } from "../../components/DataTable.tsx";
import { StatusBadge } from "../../components/HealthBadge.tsx";
import { formatDateTime } from "../../lib/format-date-time.ts";
import { tokenStatus } from "./token-status.ts";
import type { ApiToken } from "./use-api-tokens.ts";

interface ApiTokensTableProps<Token extends ApiToken> {
  label: string;
  tokens: readonly Token[];
  nowMs: number;
  /** Adds an Owner column (the admin's view of everyone's tokens). */
  ownerOf?: (token: Token) => string;
  /** The token being revoked, to disable its button meanwhile. */
  revoking: string | undefined;
  onRevoke: (token: Token) => void;
  emptyText: string;
}

const statusBadges = {
  active: <StatusBadge tone="good">Active</StatusBadge>,
  expired: <StatusBadge tone="neutral">Expired</StatusBadge>,
  revoked: <StatusBadge tone="bad">Revoked</StatusBadge>,
};

/** Tokens without their secrets: name, scope, use and lifetime, and a way to revoke. */
export function ApiTokensTable<Token extends ApiToken>(props: ApiTokensTableProps<Token>) {
  const { label, tokens, nowMs, ownerOf, revoking, onRevoke, emptyText } = props;
  const columns: Column<Token>[] = [{ header: "Name", rowHeader: true, cell: (token) => token.name }];
  if (ownerOf) columns.push({ header: "Owner", cell: ownerOf });
  columns.push(
    { header: "Roles", cell: (token) => token.roles.join(", ") },
    { header: "Status", cell: (token) => statusBadges[tokenStatus(token, nowMs)] },
    { header: "Created", numeric: true, cell: (token) => formatDateTime(token.createdAtMs) },
    { header: "Last used", numeric: true, cell: (token) => formatDateTime(token.lastUsedAtMs) },
    {
      header: "Expires",
      numeric: true,
      cell: (token) => (token.expiresAtMs === null ? "never" : formatDateTime(token.expiresAtMs)),
    },
    {
      header: "Action",
      cell: (token) =>
        token.revokedAtMs === null ? (
          <button
            type="button"
            className="button button--small button--danger"
            aria-label={`Revoke ${token.name}${ownerOf ? ` of ${ownerOf(token)}` : ""}`}
            disabled={revoking === token.id}
            onClick={() => onRevoke(token)}
          >
            {revoking === token.id ? "Revoking…" : "Revoke"}
          </button>
        ) : null,
    },
  );
  return <DataTable label={label} columns={columns} rows={tokens} rowKey={(token) => token.id} emptyText={emptyText} />;
}
