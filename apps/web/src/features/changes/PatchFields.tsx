import { InputField } from "../../components/InputField.tsx";
import type { ChangeForm, CustomKeyForm, FieldErrors } from "./change-form.ts";

interface PatchFieldsProps {
  form: ChangeForm;
  errors: FieldErrors;
  onChange: (change: Partial<ChangeForm>) => void;
}

/** The settings a change sets; blank keeps each instance's value. */
export function PatchFields({ form, errors, onChange }: PatchFieldsProps) {
  const setCustom = (index: number, row: CustomKeyForm) =>
    onChange({ custom: form.custom.map((existing, i) => (i === index ? row : existing)) });
  return (
    <fieldset className="change-form__group">
      <legend>Settings</legend>
      <p className="field__help">Leave a setting blank to keep what each instance runs.</p>
      <div className="form__row">
        <InputField
          label="GOGC"
          value={form.gogc}
          onValueChange={(gogc) => onChange({ gogc })}
          placeholder="keep"
          help="percent, 10–2000, or off"
          errors={errors["patch.gogc"]}
          className="change-form__short"
        />
        <InputField
          label="GOMEMLIMIT"
          value={form.memoryLimit}
          onValueChange={(memoryLimit) => onChange({ memoryLimit })}
          placeholder="keep"
          help="e.g. 1536MiB or 2GiB; none removes it"
          errors={errors["patch.memoryLimitBytes"]}
          className="change-form__short"
        />
        <InputField
          label="GOMAXPROCS"
          value={form.gomaxprocs}
          onValueChange={(gomaxprocs) => onChange({ gomaxprocs })}
          placeholder="keep"
          inputMode="numeric"
          help="at most the CPU quota"
          errors={errors["patch.gomaxprocs"]}
          className="change-form__short"
        />
        <InputField
          label="Gray ratio (%)"
          value={form.grayRatioPercent}
          onValueChange={(grayRatioPercent) => onChange({ grayRatioPercent })}
          placeholder="keep"
          inputMode="decimal"
          help="share of requests on the gray release; none ends it"
          errors={errors["patch.grayRatio"]}
          className="change-form__short"
        />
      </div>
      <div className="custom-keys">
        <p className="custom-keys__title">Custom keys</p>
        {form.custom.length === 0 ? (
          <p className="field__help">None: the service reads no other key from this change.</p>
        ) : null}
        {form.custom.map((row, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their position while being typed.
          <div className="form__row" key={index}>
            <InputField
              label={`Key ${index + 1}`}
              value={row.key}
              onValueChange={(key) => setCustom(index, { ...row, key })}
              placeholder="feature.checkout_v2"
            />
            <InputField
              label={`Value ${index + 1}`}
              value={row.value}
              onValueChange={(value) => setCustom(index, { ...row, value })}
              disabled={row.remove}
            />
            <label className="checkbox">
              <input
                type="checkbox"
                checked={row.remove}
                onChange={(event) => setCustom(index, { ...row, remove: event.target.checked })}
              />
              Delete key {index + 1}
            </label>
            <button
              type="button"
              className="button button--small"
              onClick={() => onChange({ custom: form.custom.filter((_, i) => i !== index) })}
            >
              Remove key {index + 1}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button button--small"
          onClick={() => onChange({ custom: [...form.custom, { key: "", value: "", remove: false }] })}
        >
          Add a custom key
        </button>
        <FieldMessages messages={errors["patch.custom"]} />
      </div>
      <FieldMessages messages={errors.patch} />
    </fieldset>
  );
}

/** Messages for a group of inputs rather than one: announced like a field's. */
export function FieldMessages({ messages }: { messages: readonly string[] | undefined }) {
  if (!messages || messages.length === 0) return null;
  return (
    <ul className="field__errors" role="alert">
      {messages.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );
}
