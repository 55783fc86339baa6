import type { ComponentChildren } from "preact";
import { getAt, numberInput } from "../schema/form-values";
import type { Field } from "../schema/job-forms";
import { FieldNotes, LabelText, useFieldIds, useForm } from "./form-context";
import { MediaField, MediaListField } from "./media-field";

const placeholderOf = (field: Field) =>
  field.example === undefined || typeof field.example === "object"
    ? undefined
    : `e.g. ${String(field.example)}`;

export function FieldView({ field, prefix = [] }: { field: Field; prefix?: readonly string[] }) {
  const path = [...prefix, ...field.path];
  switch (field.kind) {
    case "media":
      return <MediaField field={field} path={path} />;
    case "mediaList":
      return <MediaListField field={field} path={path} />;
    case "list":
      return <ListField field={field} path={path} />;
    case "choices":
      return <ChoicesField field={field} path={path} />;
    default:
      return <SimpleField field={field} path={path} />;
  }
}

function SimpleField({ field, path }: { field: Field; path: string[] }) {
  const form = useForm();
  const ids = useFieldIds(field, path);
  const value = getAt(form.values, path);
  const common = {
    id: ids.id,
    name: path.join("."),
    "aria-describedby": ids.describedBy,
    "aria-invalid": ids.invalid,
    "aria-required": field.required || undefined,
  };
  let control: ComponentChildren;
  if (field.kind === "choice") {
    control = (
      <select
        {...common}
        value={typeof value === "string" ? value : ""}
        onChange={(e) => form.setValue(path, e.currentTarget.value || undefined)}
      >
        <option value="">{field.required ? "Choose…" : "Default"}</option>
        {field.options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    );
  } else if (field.kind === "boolean") {
    control = (
      <select
        {...common}
        value={value === true ? "true" : value === false ? "false" : ""}
        onChange={(e) => {
          const choice = e.currentTarget.value;
          form.setValue(path, choice === "" ? undefined : choice === "true");
        }}
      >
        <option value="">Default</option>
        <option value="true">Yes</option>
        <option value="false">No</option>
      </select>
    );
  } else if (field.kind === "number") {
    control = (
      <input
        {...common}
        type="text"
        inputMode={field.integer ? "numeric" : "decimal"}
        value={value === undefined ? "" : String(value)}
        placeholder={placeholderOf(field)}
        onInput={(e) => form.setValue(path, numberInput(e.currentTarget.value))}
      />
    );
  } else if (field.kind === "text" && field.multiline) {
    control = (
      <textarea
        {...common}
        rows={3}
        value={typeof value === "string" ? value : ""}
        placeholder={placeholderOf(field)}
        onInput={(e) => form.setValue(path, e.currentTarget.value)}
      />
    );
  } else {
    control = (
      <input
        {...common}
        type="text"
        value={value === undefined ? "" : String(value)}
        placeholder={placeholderOf(field)}
        onInput={(e) => form.setValue(path, e.currentTarget.value)}
      />
    );
  }
  const limits =
    field.kind === "number"
      ? [field.min !== undefined ? `from ${field.min}` : "", field.max !== undefined ? `to ${field.max}` : ""]
          .filter(Boolean)
          .join(" ")
      : "";
  return (
    <div class={`field${ids.invalid ? " invalid" : ""}`}>
      <label for={ids.id}>
        <LabelText field={field} limits={limits} />
      </label>
      {control}
      <FieldNotes field={field} ids={ids} />
    </div>
  );
}

/** Checkboxes; none checked leaves the field out (the API's default). */
function ChoicesField({ field, path }: { field: Extract<Field, { kind: "choices" }>; path: string[] }) {
  const form = useForm();
  const ids = useFieldIds(field, path);
  const value = getAt(form.values, path);
  const chosen = Array.isArray(value) ? value : [];
  const toggle = (option: string, on: boolean) => {
    const next = field.options.filter((o) => (o === option ? on : chosen.includes(o)));
    form.setValue(path, next.length > 0 ? next : undefined);
  };
  return (
    <fieldset
      id={ids.id}
      tabIndex={-1}
      class={`choices-field${ids.invalid ? " invalid" : ""}`}
      aria-describedby={ids.describedBy}
    >
      <legend>
        <LabelText field={field} />
      </legend>
      {field.options.map((option) => (
        <label key={option} class="check">
          <input
            type="checkbox"
            name={path.join(".")}
            value={option}
            checked={chosen.includes(option)}
            onChange={(e) => toggle(option, e.currentTarget.checked)}
          />
          {option}
        </label>
      ))}
      <FieldNotes field={field} ids={ids} />
    </fieldset>
  );
}

function ListField({ field, path }: { field: Extract<Field, { kind: "list" }>; path: string[] }) {
  const form = useForm();
  const ids = useFieldIds(field, path);
  const items = getAt(form.values, path);
  const list = Array.isArray(items) ? items : [];
  const count = Math.max(list.length, field.min ?? 0);
  const setItems = (next: unknown[]) => form.setValue(path, next);
  return (
    <fieldset class={`list-field${ids.invalid ? " invalid" : ""}`} aria-describedby={ids.describedBy}>
      <legend>
        <LabelText field={field} />
      </legend>
      <FieldNotes field={field} ids={ids} />
      {Array.from({ length: count }, (_, index) => (
        <fieldset key={index} class="list-item">
          <legend>
            {field.label} {index + 1}
          </legend>
          {field.item.map((itemField) => (
            <FieldView key={itemField.name} field={itemField} prefix={[...path, String(index)]} />
          ))}
          {count > (field.min ?? 0) && (
            <button
              type="button"
              class="secondary"
              onClick={() => setItems(list.filter((_, i) => i !== index))}
            >
              Remove {field.label.toLowerCase()} {index + 1}
            </button>
          )}
        </fieldset>
      ))}
      <button
        type="button"
        class="secondary"
        disabled={field.max !== undefined && count >= field.max}
        onClick={() => setItems([...Array.from({ length: count }, (_, i) => list[i] ?? {}), {}])}
      >
        Add {field.label.toLowerCase()}
      </button>
    </fieldset>
  );
}
