export * from './dossier-event.schema';
export * from './json-schema';
export * from './codes';
export * from './dossier-event-fields';
