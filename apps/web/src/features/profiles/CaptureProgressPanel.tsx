import { useEffect } from "react";
import { errorMessage } from "../../lib/trpc-errors.ts";
import { MutationError } from "../settings/MutationError.tsx";
import { captureProgressOf } from "./capture-progress.ts";
import { type CaptureStarted, useCancelCapture, useCaptureStatus } from "./use-profiles.ts";

interface CaptureProgressPanelProps {
  capture: CaptureStarted;
  onDone: (profileId: string) => void;
  /** Back to the form after a capture failed or was cancelled. */
  onDismiss: () => void;
}

/** A running capture: a bar counting a CPU profile's seconds down, Cancel, and how it ended. */
export function CaptureProgressPanel({ capture, onDone, onDismiss }: CaptureProgressPanelProps) {
  const status = useCaptureStatus(capture.captureId);
  const cancel = useCancelCapture();
  const state = status.data?.state ?? "running";
  const profileId = status.data?.profileId ?? null;

  useEffect(() => {
    if (state === "done" && profileId !== null) onDone(profileId);
  }, [state, profileId, onDone]);

  const what = `${capture.kind} profile of ${capture.instanceId}`;
  if (state === "failed" || state === "cancelled") {
    return (
      <div className="capture-progress">
        <div className={state === "failed" ? "state state--error" : "state"} role="alert">
          <p>
            {state === "failed"
              ? `The ${what} failed: ${status.data?.error ?? "the server gave no reason"}`
              : `The ${what} was cancelled.`}
          </p>
        </div>
        <button type="button" className="button" onClick={onDismiss}>
          Capture another
        </button>
      </div>
    );
  }

  const progress = captureProgressOf(capture.expectedSeconds, status.data?.secondsLeft ?? capture.expectedSeconds);
  return (
    <div className="capture-progress">
      <p>
        Capturing the <strong>{what}</strong>…
      </p>
      <div className="capture-progress__row">
        <progress
          className="capture-progress__bar"
          aria-label="Capture progress"
          max={1}
          {...(progress.fraction === null ? {} : { value: progress.fraction })}
        />
        <span role="status" className="capture-progress__text">
          {state === "done" ? "Opening the profile…" : progress.text}
        </span>
        <button
          type="button"
          className="button button--danger"
          disabled={cancel.isPending || state === "done"}
          onClick={() => cancel.mutate({ captureId: capture.captureId })}
        >
          {cancel.isPending ? "Cancelling…" : "Cancel"}
        </button>
      </div>
      {status.error ? (
        <p className="text-bad" role="alert">
          Could not ask how the capture is going: {errorMessage(status.error)}
        </p>
      ) : null}
      <MutationError action="Cancelling" error={cancel.error} />
    </div>
  );
}
