export * from './dashboard.module';
export * from './overview/overview.schema';
export * from './overview/overview-tiles';
export * from './overview/overview-queries';
export * from './overview/overview.service';
export * from './dossiers/dossiers.schema';
export * from './dossiers/dossier-rows';
export * from './dossiers/dossiers-to-act-on.service';
