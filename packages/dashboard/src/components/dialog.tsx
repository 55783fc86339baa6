import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";

/**
 * A modal dialog (the platform's <dialog>: focus moves into it and stays there, Escape closes it,
 * focus returns to what opened it). Rendered while `open`; `onClose` runs however it closes.
 */
export function Dialog({
  title,
  onClose,
  children,
}: {
  title: string;
  onClose: () => void;
  children: ComponentChildren;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    const opener = document.activeElement as HTMLElement | null;
    element?.showModal();
    return () => {
      element?.close();
      opener?.focus();
    };
  }, []);
  const id = `dialog-${title.replace(/\W+/g, "-").toLowerCase()}`;
  return (
    <dialog ref={dialog} aria-labelledby={id} onClose={onClose} class="dialog">
      <h2 id={id}>{title}</h2>
      {children}
    </dialog>
  );
}
