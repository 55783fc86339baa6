import { LIMITS, type LimitInputs } from "../tenant-limits";
import { TextField } from "./text-field";

/** A tenant's limits, one field each; empty is no limit. */
export function LimitFields({
  idPrefix,
  inputs,
  onInputs,
  problems,
}: {
  idPrefix: string;
  inputs: LimitInputs;
  onInputs: (inputs: LimitInputs) => void;
  problems: Map<string, string[]>;
}) {
  return (
    <fieldset class="limits-fields">
      <legend>Limits</legend>
      <p class="hint">Leave a limit empty for none.</p>
      {LIMITS.map((limit) => (
        <TextField
          key={limit.name}
          id={`${idPrefix}-${limit.name}`}
          label={limit.label}
          hint={limit.hint}
          inputMode="decimal"
          autoComplete="off"
          value={inputs[limit.name]}
          onValue={(value) => onInputs({ ...inputs, [limit.name]: value })}
          messages={problems.get(`limits.${limit.name}`)}
        />
      ))}
    </fieldset>
  );
}
