import { useNavigate } from "@tanstack/react-router";
import { type FormEvent, useId, useState } from "react";
import { MutationError } from "../settings/MutationError.tsx";
import { useUploadProfile } from "./use-profiles.ts";

/** Stores a profile taken elsewhere (a `.pb.gz` or `.pb` from `go tool pprof` or curl) and opens it. */
export function UploadForm({ instanceId }: { instanceId: string | undefined }) {
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const upload = useUploadProfile();
  const navigate = useNavigate();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    upload.mutate(
      { file, instanceId },
      { onSuccess: ({ id }) => void navigate({ to: "/profiles/$profileId", params: { profileId: id } }) },
    );
  };

  return (
    <form className="form" onSubmit={submit} aria-label="Upload a profile">
      <div className="form__row">
        <div className="field">
          <label htmlFor={fileId}>Profile file (.pb.gz or .pb)</label>
          <input
            id={fileId}
            type="file"
            accept=".pb.gz,.pb,.gz"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              upload.reset();
            }}
          />
        </div>
        <button type="submit" className="button" disabled={!file || upload.isPending}>
          {upload.isPending ? "Uploading…" : "Upload"}
        </button>
      </div>
      {instanceId ? <p className="field__help">It will be stored as a profile of {instanceId}.</p> : null}
      <MutationError action="Uploading" error={upload.error} />
    </form>
  );
}
