export * from './dossier-event.builder';
