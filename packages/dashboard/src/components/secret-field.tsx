import { CopyButton } from "./copy-button";

/**
 * A secret to read or copy: in a read-only field (selected on focus, not spell-checked, not
 * autofilled), with a copy button. The page holds it in memory only; nothing stores it.
 */
export function SecretField({ id, label, secret }: { id: string; label: string; secret: string }) {
  return (
    <div class="field secret">
      <label for={id}>{label}</label>
      <div class="secret-row">
        <input
          id={id}
          class="mono"
          type="text"
          readOnly
          value={secret}
          spellcheck={false}
          autoComplete="off"
          onFocus={(event) => event.currentTarget.select()}
        />
        <CopyButton text={secret} label={label.toLowerCase()} />
      </div>
    </div>
  );
}
