import type { PixpipeClient } from "@pixpipe/client";
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Field } from "../schema/job-forms";

/** What every field of one form shares: its values, how to change them, the API's problems. */
export interface FormState {
  values: Record<string, unknown>;
  /** Sets the value at `path`; a function gets the current value there and returns the new one. */
  setValue(path: readonly string[], value: unknown): void;
  /** The API's messages by rendered field path ("input.duration"). */
  problems: Map<string, string[]>;
  client: PixpipeClient;
}

export const FormContext = createContext<FormState | null>(null);

export function useForm(): FormState {
  const form = useContext(FormContext);
  if (!form) throw new Error("a field outside a FormContext");
  return form;
}

/** The id of a field's control; the summary of problems moves focus there. */
export const fieldId = (path: readonly string[]) => `field-${path.join("-")}`;

export interface FieldIds {
  id: string;
  hintId: string;
  errorId: string;
  describedBy: string | undefined;
  invalid: true | undefined;
  messages: string[];
}

export function useFieldIds(field: Field, path: readonly string[]): FieldIds {
  const { problems } = useForm();
  const id = fieldId(path);
  const messages = problems.get(path.join(".")) ?? [];
  const described = [field.description ? `${id}-hint` : "", messages.length > 0 ? `${id}-error` : ""].filter(
    Boolean,
  );
  return {
    id,
    hintId: `${id}-hint`,
    errorId: `${id}-error`,
    describedBy: described.length > 0 ? described.join(" ") : undefined,
    invalid: messages.length > 0 ? true : undefined,
    messages,
  };
}

/** A field's label text, saying "required" in words (not only with a mark). */
export function LabelText({ field, limits }: { field: Field; limits?: string }) {
  const notes = [field.required ? "required" : "", limits ?? ""].filter(Boolean).join(", ");
  return (
    <>
      {field.label}
      {notes && <span class="required"> ({notes})</span>}
    </>
  );
}

/** The description and the API's messages under a field. */
export function FieldNotes({ field, ids }: { field: Field; ids: FieldIds }) {
  return (
    <>
      {field.description && (
        <p id={ids.hintId} class="hint">
          {field.description}
        </p>
      )}
      {ids.messages.length > 0 && (
        <p id={ids.errorId} class="field-error">
          {ids.messages.join(" ")}
        </p>
      )}
    </>
  );
}
