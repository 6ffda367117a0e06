/**
 * Test-only: the independent plain-TypeScript reference of docs/indicators.md over raw event lists, the small
 * counting rules the integration tests check whole pipelines by, and the messy-stream arbitrary of the
 * engine-versus-reference property test. Never imported by production code (eslint boundaries) and never built
 * into dist (.swcrc).
 */
export * from './dossier-intake';
export * from './procedure-levels.reference';
export * from './reference-indicators';
export { calendarBuckets } from './reference-calendar';
export * from './messy-stream.arbitrary';
/** Builders of reference events, catalogues and queries for specs. */
export * as referenceBuilders from './reference-test-builders';
