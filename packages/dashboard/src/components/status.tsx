import type { JobStatus } from "@pixpipe/client";
import { labelOfStatus } from "../format";

export function StatusBadge({ status }: { status: JobStatus }) {
  return <span class={`status status-${status}`}>{labelOfStatus(status)}</span>;
}
