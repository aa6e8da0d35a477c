import { errorMessage, zodIssueLines } from "../../lib/trpc-errors.ts";

/** What the server said about a rejected change, with each invalid field when it named them. */
export function MutationError({ action, error }: { action: string; error: unknown }) {
  if (!error) return null;
  const issues = zodIssueLines(error);
  return (
    <div className="state state--error" role="alert">
      <p>
        {action} failed: {errorMessage(error)}
      </p>
      {issues.length > 0 ? (
        <ul className="issues">
          {issues.map((issue) => (
            <li key={issue}>{issue}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
