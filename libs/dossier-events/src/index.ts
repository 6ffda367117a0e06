export * from './dossier-event.schema';
export * from './json-schema';
export * from './codes';
