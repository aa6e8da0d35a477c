import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { MutationError } from "../settings/MutationError.tsx";
import {
  type ActionAvailability,
  actionConsequences,
  actionLabels,
  availableActions,
  type ChangeViewer,
  destructiveActions,
  type PersonActionType,
  reasonRequired,
  takesReason,
} from "./change-state.ts";
import { type ChangeView, useChangeActions } from "./use-changes.ts";

type DialogAction = Exclude<PersonActionType, "edit" | "submit">;

interface ChangeActionsProps {
  change: ChangeView;
  viewer: ChangeViewer | null;
  editing: boolean;
  onEdit: () => void;
}

/**
 * The buttons core's state machine allows now and the viewer's roles grant; each action that
 * undoes or decides something asks first, with a reason where the audit log should have one.
 */
export function ChangeActions({ change, viewer, editing, onEdit }: ChangeActionsProps) {
  const actions = useChangeActions();
  const [dialog, setDialog] = useState<DialogAction | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const available = viewer ? availableActions(change, viewer) : [];
  const refusals = available.filter((a): a is ActionAvailability & { refusal: string } => a.refusal !== null);
  const buttons = available.filter((a) => a.refusal === null).map((a) => a.action);
  const approvedThisVersion = viewer
    ? change.approvals.some((a) => a.userId === viewer.userId && a.contentHash === change.contentHash && a.counts)
    : false;

  if (buttons.length === 0 && refusals.length === 0) {
    return (
      <p className="change-actions__none text-muted">
        {viewer?.permissions.some((p) => p === "operate" || p === "approve")
          ? "Nothing can be done to this change in its state."
          : "You can read this change and comment on it; acting on it needs the operator or approver role."}
      </p>
    );
  }

  return (
    <div className="change-actions">
      <fieldset className="change-actions__buttons">
        <legend className="visually-hidden">Actions</legend>
        {buttons.map((action) =>
          action === "edit" ? (
            <button key={action} type="button" className="button" onClick={onEdit} disabled={editing}>
              {actionLabels.edit}
            </button>
          ) : action === "submit" ? (
            <button
              key={action}
              type="button"
              className="button button--primary"
              disabled={actions.submit.isPending || editing}
              onClick={() =>
                actions.submit.mutate(
                  { id: change.id },
                  {
                    onSuccess: (answer) => setOutcome(answer.unchanged ? `Nothing changed: ${answer.unchanged}` : null),
                  },
                )
              }
            >
              {actions.submit.isPending ? "Submitting…" : actionLabels.submit}
            </button>
          ) : action === "approve" && approvedThisVersion ? (
            <span key={action} className="badge badge--good">
              You approved this version
            </span>
          ) : (
            <button
              key={action}
              type="button"
              className={
                destructiveActions.has(action)
                  ? "button button--danger"
                  : action === "approve" || action === "start"
                    ? "button button--primary"
                    : "button"
              }
              disabled={editing}
              onClick={() => {
                setOutcome(null);
                setDialog(action);
              }}
            >
              {actionLabels[action]}…
            </button>
          ),
        )}
      </fieldset>
      {refusals.map((refusal) => (
        <p key={refusal.action} className="change-actions__refusal">
          No {actionLabels[refusal.action].toLowerCase()} button for you: {refusal.refusal}.
        </p>
      ))}
      <MutationError action="Submitting the change" error={actions.submit.error} />
      {outcome ? (
        <p className="change-actions__outcome" role="status">
          {outcome}
        </p>
      ) : null}
      {dialog ? (
        <ActionDialog
          action={dialog}
          change={change}
          onDone={(unchanged) => {
            setDialog(null);
            setOutcome(unchanged ? `Nothing changed: ${unchanged}` : null);
          }}
          onClose={() => setDialog(null)}
        />
      ) : null}
    </div>
  );
}

interface ActionDialogProps {
  action: DialogAction;
  change: ChangeView;
  onDone: (unchanged: string | null) => void;
  onClose: () => void;
}

/** A modal that says what the action will do and takes its reason (or, for an approval, a comment). */
function ActionDialog({ action, change, onDone, onClose }: ActionDialogProps) {
  const actions = useChangeActions();
  const ref = useRef<HTMLDialogElement>(null);
  const ids = { heading: useId(), text: useId() };
  const [text, setText] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const run = (reason: string) => {
    const { id } = change;
    switch (action) {
      case "approve":
        return actions.approve.mutateAsync({
          id,
          contentHash: change.contentHash,
          ...(reason.trim() ? { comment: reason } : {}),
        });
      case "cancel":
        return actions.cancel.mutateAsync({ id, ...(reason.trim() ? { reason } : {}) });
      case "start":
        return actions.start.mutateAsync({ id });
      case "reject":
      case "pause":
      case "resume":
      case "abort":
      case "rollback":
        return actions[action].mutateAsync({ id, reason });
    }
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      const answer = await run(text);
      onDone(answer.unchanged);
    } catch (failure) {
      setError(failure);
    } finally {
      setPending(false);
    }
  };

  const needsText = reasonRequired.has(action);
  const textLabel = action === "approve" ? "Comment (optional)" : needsText ? "Reason" : "Reason (optional)";
  return (
    <dialog ref={ref} className="action-dialog" aria-labelledby={ids.heading} onClose={onClose}>
      <form className="form" onSubmit={submit}>
        <h2 id={ids.heading} className="action-dialog__title">
          {actionLabels[action]} #{change.number}?
        </h2>
        <p>{actionConsequences[action]}</p>
        {action === "approve" ? (
          <p className="field__help">
            You approve version <span className="mono">{change.contentHash.slice(0, 12)}</span>: “{change.content.title}
            ”.
          </p>
        ) : null}
        {takesReason.has(action) || action === "approve" ? (
          <div className="field">
            <label htmlFor={ids.text}>{textLabel}</label>
            <textarea
              id={ids.text}
              rows={3}
              value={text}
              required={needsText}
              onChange={(event) => setText(event.target.value)}
            />
          </div>
        ) : null}
        <MutationError action={actionLabels[action]} error={error} />
        <div className="form__row">
          <button
            type="submit"
            className={destructiveActions.has(action) ? "button button--danger" : "button button--primary"}
            disabled={pending || (needsText && text.trim() === "")}
          >
            {pending ? "Working…" : actionLabels[action]}
          </button>
          <button type="button" className="button" onClick={() => ref.current?.close()}>
            Back
          </button>
        </div>
      </form>
    </dialog>
  );
}
