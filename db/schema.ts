// The one import path for the schema; its tables live in schema/, one file per feature.
export * from "./schema/index.ts";
