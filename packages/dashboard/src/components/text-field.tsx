import type { JSX } from "preact";

type InputProps = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, "id" | "value" | "onInput">;

/**
 * A labelled input of a hand-written form, with its hint and the API's messages for it (tied to the
 * input by aria-describedby).
 */
export function TextField({
  id,
  label,
  hint,
  messages = [],
  value,
  onValue,
  ...input
}: InputProps & {
  id: string;
  label: string;
  hint?: string;
  messages?: readonly string[] | undefined;
  value: string;
  onValue: (value: string) => void;
}) {
  const described = [hint ? `${id}-hint` : "", messages.length > 0 ? `${id}-error` : ""].filter(Boolean);
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        {...input}
        id={id}
        value={value}
        onInput={(event) => onValue(event.currentTarget.value)}
        aria-invalid={messages.length > 0 ? true : undefined}
        aria-describedby={described.length > 0 ? described.join(" ") : undefined}
      />
      {hint && (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
      {messages.length > 0 && (
        <p id={`${id}-error`} class="field-error">
          {messages.join(" ")}
        </p>
      )}
    </div>
  );
}

/** The alert of a form whose call failed for a reason no field shows. */
export function FormFailure({ failure }: { failure: string | null }) {
  return failure ? (
    <p role="alert" class="notice error">
      {failure}
    </p>
  ) : null;
}
