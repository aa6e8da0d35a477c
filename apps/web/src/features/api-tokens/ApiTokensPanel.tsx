import { useState } from "react";
import { Panel } from "../../components/Panel.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { useSignedInUser } from "../session/use-session.ts";
import { MutationError } from "../settings/MutationError.tsx";
import { knownRoles } from "../users/roles.ts";
import { ApiTokensTable } from "./ApiTokensTable.tsx";
import { CreateApiTokenForm } from "./CreateApiTokenForm.tsx";
import { NewTokenNotice } from "./NewTokenNotice.tsx";
import { type CreatedApiToken, useMyApiTokens } from "./use-api-tokens.ts";

/** The signed-in user's API tokens, for scripts and CI acting as them with at most their roles. */
export function ApiTokensPanel() {
  const user = useSignedInUser();
  const myTokens = useMyApiTokens();
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  return (
    <Panel title="API tokens">
      <p className="panel__note">
        A token lets a script call the console's API as you, with the roles you give it. Only a browser session can
        create or revoke tokens.
      </p>
      <div className="stack">
        {created ? (
          <NewTokenNotice name={created.apiToken.name} token={created.token} onDismiss={() => setCreated(null)} />
        ) : null}
        <QueryState query={myTokens.tokens} what="your API tokens">
          {(tokens) => (
            <ApiTokensTable
              label="Your API tokens"
              tokens={tokens}
              nowMs={Date.now()}
              revoking={myTokens.revoke.isPending ? myTokens.revoke.variables?.tokenId : undefined}
              onRevoke={(token) => myTokens.revoke.mutate({ tokenId: token.id })}
              emptyText="You have no API tokens."
            />
          )}
        </QueryState>
        <MutationError action="Revoking the token" error={myTokens.revoke.error} />
        <section aria-labelledby="create-token-heading">
          <h3 id="create-token-heading">Create a token</h3>
          <CreateApiTokenForm
            ownRoles={knownRoles(user?.roles ?? [])}
            onCreate={async (request) => setCreated(await myTokens.create.mutateAsync(request))}
            pending={myTokens.create.isPending}
            error={myTokens.create.error}
          />
        </section>
      </div>
    </Panel>
  );
}
