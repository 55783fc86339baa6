import { useEffect, useState } from "preact/hooks";
import { describeError } from "./format";

export interface Loaded<T> {
  value: T | null;
  /** What went wrong with the last load, in words for people. */
  error: string | null;
  loading: boolean;
  /** Loads again (after a change the page made, or on request). */
  reload: () => void;
  /** Puts a value the page got otherwise (an update's answer) in place of the loaded one. */
  set: (value: T) => void;
}

/** A value the page reads from the API: loaded when `deps` change, the request aborted when they do. */
export function useLoaded<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    setLoading(true);
    load(abort.signal).then(
      (loaded) => {
        if (abort.signal.aborted) return;
        setValue(loaded);
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (abort.signal.aborted) return;
        setError(describeError(failure));
        setLoading(false);
      },
    );
    return () => abort.abort();
  }, [...deps, generation]);
  return { value, error, loading, reload: () => setGeneration((n) => n + 1), set: setValue };
}
