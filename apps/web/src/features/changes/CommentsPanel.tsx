import { type FormEvent, useId, useState } from "react";
import { Panel } from "../../components/Panel.tsx";
import { formatDateTime } from "../../lib/format-date-time.ts";
import { MutationError } from "../settings/MutationError.tsx";
import { type ChangeView, useCommentOnChange } from "./use-changes.ts";

/** The review conversation: everyone signed in reads and writes here, whatever their roles. */
export function CommentsPanel({ change }: { change: ChangeView }) {
  const id = useId();
  const [body, setBody] = useState("");
  const comment = useCommentOnChange(change.id);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    comment.mutate({ id: change.id, body }, { onSuccess: () => setBody("") });
  };
  return (
    <Panel title={`Comments (${change.comments.length})`}>
      <div className="stack">
        {change.comments.length === 0 ? (
          <p className="text-muted">No comments yet.</p>
        ) : (
          <ol className="comments" aria-label="Comments">
            {change.comments.map((entry) => (
              <li key={`${entry.authorUsername}:${entry.createdAtMs}:${entry.body.slice(0, 20)}`} className="comment">
                <p className="comment__meta">
                  <strong>{entry.authorUsername}</strong>{" "}
                  <span className="text-muted">{formatDateTime(entry.createdAtMs)}</span>
                </p>
                <p className="comment__body">{entry.body}</p>
              </li>
            ))}
          </ol>
        )}
        <form className="form" onSubmit={submit} aria-label="Add a comment">
          <div className="field">
            <label htmlFor={id}>Comment</label>
            <textarea id={id} rows={3} value={body} onChange={(event) => setBody(event.target.value)} />
          </div>
          <div className="form__row">
            <button type="submit" className="button" disabled={comment.isPending || body.trim() === ""}>
              {comment.isPending ? "Posting…" : "Post comment"}
            </button>
          </div>
          <MutationError action="Posting the comment" error={comment.error} />
        </form>
      </div>
    </Panel>
  );
}
