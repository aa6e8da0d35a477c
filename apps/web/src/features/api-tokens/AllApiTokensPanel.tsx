import { Panel } from "../../components/Panel.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { MutationError } from "../settings/MutationError.tsx";
import { ApiTokensTable } from "./ApiTokensTable.tsx";
import { useAllApiTokens } from "./use-api-tokens.ts";

/** Every account's API tokens, for an admin to review and revoke (e.g. one that leaked). */
export function AllApiTokensPanel() {
  const allTokens = useAllApiTokens();
  return (
    <Panel title="All API tokens">
      <QueryState query={allTokens.tokens} what="the API tokens">
        {(tokens) => (
          <ApiTokensTable
            label="All API tokens"
            tokens={tokens}
            nowMs={Date.now()}
            ownerOf={(token) => token.ownerUsername}
            revoking={allTokens.revoke.isPending ? allTokens.revoke.variables?.tokenId : undefined}
            onRevoke={(token) => allTokens.revoke.mutate({ tokenId: token.id })}
            emptyText="Nobody has created an API token."
          />
        )}
      </QueryState>
      <MutationError action="Revoking the token" error={allTokens.revoke.error} />
    </Panel>
  );
}
