import { PixpipeApiError } from "@pixpipe/client";
import { useState } from "preact/hooks";
import { describeError } from "./format";
import { placeProblems } from "./schema/form-values";

export interface Action {
  busy: boolean;
  /** What went wrong, for the form's alert; null while the API's messages sit beside fields instead. */
  failure: string | null;
  /** The API's validation messages by the form's field path ("limits.maxInFlight"). */
  problems: Map<string, string[]>;
  /** Runs `act`; a refusal shows beside the fields it names, or as the failure. True if it succeeded. */
  run: (act: () => Promise<void>) => Promise<boolean>;
  reset: () => void;
}

/**
 * A form's call to the API: busy while it runs, the API's 400 details placed beside the fields in
 * `fieldPaths` (what no field claims goes into the failure message with its path).
 */
export function useAction(fieldPaths: readonly string[] = []): Action {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [problems, setProblems] = useState<Map<string, string[]>>(new Map());
  const reset = () => {
    setFailure(null);
    setProblems(new Map());
  };
  async function run(act: () => Promise<void>): Promise<boolean> {
    setBusy(true);
    reset();
    try {
      await act();
      return true;
    } catch (error) {
      if (error instanceof PixpipeApiError && error.status === 400 && error.details?.length) {
        const placed = placeProblems(error.details, fieldPaths);
        setProblems(placed.byField);
        if (placed.unplaced.length > 0) {
          setFailure(placed.unplaced.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join(" "));
        }
      } else {
        setFailure(describeError(error));
      }
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { busy, failure, problems, run, reset };
}
