export * from './dossier-lifecycle';
export * from './province';
export * from './random';
export * from './synthetic-feed';
export * from './synthetic-catalogue';
export * from './province-feed';
