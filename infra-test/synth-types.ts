/** One resource the program registered, with the options that decide its fate on removal. */
export interface SynthResource {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  retainOnDelete?: boolean;
  protect?: boolean;
}

/** One Lambda handler SST asked the CLI to build, with the links it is given at runtime. */
export interface SynthBuild {
  functionID: string;
  handler: string;
  /** The bundle SST would deploy (only kept when the synth was given an artifacts directory). */
  bundle: string;
  /** Linked resource name -> its link properties (`type` plus name/url/value...). */
  links: Record<string, Record<string, unknown>>;
}

export interface SynthResult {
  stage: string;
  resources: SynthResource[];
  builds: SynthBuild[];
  outputs: Record<string, unknown>;
}
