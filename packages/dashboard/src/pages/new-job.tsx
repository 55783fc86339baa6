import { type CreateJobRequest, PixpipeApiError, type PixpipeClient } from "@pixpipe/client";
import { useMemo, useRef, useState } from "preact/hooks";
import { useLocation, useSearch } from "wouter-preact";
import { useApiDocument } from "../api-document";
import { FieldView } from "../components/fields";
import { FormContext, type FormState, fieldId } from "../components/form-context";
import { describeError } from "../format";
import {
  cleaned,
  type FormValues,
  getAt,
  type Problem,
  placeProblems,
  renderedPaths,
  setAt,
} from "../schema/form-values";
import { type Field, type JobForm, jobForms } from "../schema/job-forms";

export function NewJobPage({ client }: { client: PixpipeClient }) {
  const document = useApiDocument();
  const forms = useMemo(() => jobForms(document), [document]);
  const search = useSearch();
  const [, navigate] = useLocation();
  const requested = new URLSearchParams(search).get("type");
  const form = forms.find((candidate) => candidate.type === requested) ?? forms[0];
  if (!form) return <p class="notice error">The API's document describes no job types.</p>;
  return (
    <>
      <h1>New job</h1>
      <div class="field type-picker">
        <label for="job-type">Job type</label>
        <select
          id="job-type"
          value={form.type}
          onChange={(event) => navigate(`/new?type=${event.currentTarget.value}`)}
        >
          {forms.map((candidate) => (
            <option key={candidate.type} value={candidate.type}>
              {candidate.label}
            </option>
          ))}
        </select>
      </div>
      {/* A new form (fresh values) per type. */}
      <JobFormView key={form.type} client={client} form={form} onCreated={(id) => navigate(`/jobs/${id}`)} />
    </>
  );
}

function JobFormView({
  client,
  form,
  onCreated,
}: {
  client: PixpipeClient;
  form: JobForm;
  onCreated: (id: string) => void;
}) {
  const [values, setValues] = useState<FormValues>({ input: {} });
  const [problems, setProblems] = useState<Problem[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  // One key per version of the form: a double submit (or a retry after a lost answer) makes one job.
  const idempotencyKey = useRef(crypto.randomUUID());

  const paths = useMemo(
    () => renderedPaths([...form.fields, ...form.webhook], values),
    [form.fields, form.webhook, values],
  );
  const placed = useMemo(() => placeProblems(problems, paths), [problems, paths]);
  const state: FormState = {
    values,
    problems: placed.byField,
    client,
    setValue: (path, value) => {
      idempotencyKey.current = crypto.randomUUID();
      setValues((current) =>
        setAt(
          current,
          path,
          typeof value === "function" ? (value as (v: unknown) => unknown)(getAt(current, path)) : value,
        ),
      );
    },
  };

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    setProblems([]);
    try {
      const webhook = cleaned(values.webhook) as Record<string, unknown> | undefined;
      const body = {
        type: form.type,
        input: cleaned(values.input) ?? {},
        // Left out when no webhook field is filled in: a job without one.
        ...(webhook && Object.keys(webhook).length > 0 ? { webhook } : {}),
      } as CreateJobRequest;
      const job = await client.createJob(body, { idempotencyKey: idempotencyKey.current });
      onCreated(job.id);
    } catch (error) {
      if (error instanceof PixpipeApiError && error.status === 400 && error.details?.length) {
        setProblems(error.details);
      } else {
        setFailure(describeError(error));
      }
      // The summary (or the message) takes focus so that keyboard and screen-reader users hear it.
      requestAnimationFrame(() => summary.current?.focus());
    } finally {
      setBusy(false);
    }
  }

  const fillExample = () => {
    const input = form.example?.input;
    if (input && typeof input === "object")
      setValues((current) => ({ ...current, input: structuredClone(input) as Record<string, unknown> }));
    setProblems([]);
  };
  const required = form.fields.filter((field) => field.required);
  const optional = form.fields.filter((field) => !field.required);
  const hasProblem = (fields: readonly Field[]) =>
    fields.some((field) => {
      const own = field.path.join(".");
      return [...placed.byField.keys()].some((path) => path === own || path.startsWith(`${own}.`));
    });
  const focusField = (path: string) => (event: Event) => {
    event.preventDefault();
    const owner = [...placed.byField.keys()].find(
      (candidate) => path === candidate || path.startsWith(`${candidate}.`),
    );
    window.document.getElementById(fieldId((owner ?? path).split(".")))?.focus();
  };

  return (
    <FormContext.Provider value={state}>
      <form
        class="job-form"
        onSubmit={submit}
        noValidate
        aria-describedby={form.description ? "form-description" : undefined}
      >
        {form.description && (
          <p id="form-description" class="hint">
            {form.description}
          </p>
        )}
        {(problems.length > 0 || failure) && (
          <div class="notice error" role="alert" tabIndex={-1} ref={summary}>
            {failure ?? (
              <>
                <p>The API did not accept the job:</p>
                <ul>
                  {problems.map((problem) => (
                    <li key={`${problem.path}:${problem.message}`}>
                      <button type="button" class="link" onClick={focusField(problem.path)}>
                        <code>{problem.path || "request"}</code>
                      </button>
                      : {problem.message}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
        {form.example && (
          <p>
            <button type="button" class="secondary" onClick={fillExample}>
              Fill in the API's example
            </button>
          </p>
        )}
        {required.map((field) => (
          <FieldView key={field.name} field={field} />
        ))}
        {optional.length > 0 && (
          <details class="more" open={hasProblem(optional) || undefined}>
            <summary>More options ({optional.length})</summary>
            {optional.map((field) => (
              <FieldView key={field.name} field={field} />
            ))}
          </details>
        )}
        {form.webhook.length > 0 && (
          <details class="more" open={hasProblem(form.webhook) || undefined}>
            <summary>Webhook (optional)</summary>
            {form.webhook.map((field) => (
              <FieldView key={field.name} field={field} />
            ))}
          </details>
        )}
        <p>
          <button type="submit" disabled={busy}>
            {busy ? "Creating…" : `Create ${form.label.toLowerCase()} job`}
          </button>
        </p>
      </form>
    </FormContext.Provider>
  );
}
