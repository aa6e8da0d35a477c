import { useId, useState } from "react";

type CopyState = "idle" | "copied" | "failed";

/**
 * The new token's secret, shown this once: the server keeps only its hash. Read-only and selected
 * on focus, with a copy button, and gone for good once dismissed.
 */
export function NewTokenNotice({ name, token, onDismiss }: { name: string; token: string; onDismiss: () => void }) {
  const inputId = useId();
  const [copy, setCopy] = useState<CopyState>("idle");
  const copyToken = () => {
    if (!navigator.clipboard) {
      setCopy("failed");
      return;
    }
    navigator.clipboard.writeText(token).then(
      () => setCopy("copied"),
      () => setCopy("failed"),
    );
  };
  return (
    <div className="new-token" role="status">
      <p>
        <strong>Copy the token “{name}” now: it won’t be shown again.</strong> Send it as{" "}
        <code>Authorization: Bearer …</code>.
      </p>
      <div className="form__row">
        <div className="field field--grow">
          <label htmlFor={inputId}>New API token</label>
          <input
            id={inputId}
            type="text"
            readOnly
            value={token}
            className="new-token__value"
            spellCheck={false}
            onFocus={(event) => event.target.select()}
          />
        </div>
        <button type="button" className="button" onClick={copyToken}>
          Copy token
        </button>
        <button type="button" className="button" onClick={onDismiss}>
          Done
        </button>
      </div>
      {copy === "copied" ? <p className="field__help">Copied to the clipboard.</p> : null}
      {copy === "failed" ? (
        <p className="field__help">The browser did not allow copying: select the token and copy it yourself.</p>
      ) : null}
    </div>
  );
}
