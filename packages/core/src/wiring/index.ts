export {
  type AdapterFactories,
  createPipeline,
  type Pipeline,
  type PipelineAdapters,
  type PipelineOptions,
} from "./create-pipeline";
