import { useState } from "preact/hooks";

/** Copies `text` to the clipboard and says so (to screen readers too); `label` names what it copies. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [said, setSaid] = useState<string>("");
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setSaid("Copied.");
    } catch {
      setSaid("The browser refused: select the text and copy it.");
    }
  }
  return (
    <>
      <button type="button" class="secondary" onClick={copy} aria-label={`Copy ${label}`}>
        Copy
      </button>
      <span class="hint copy-status" role="status">
        {said}
      </span>
    </>
  );
}
