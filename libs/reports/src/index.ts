export * from './periods/report-period';
export * from './report-table';
export * from './figures/dossier-flow';
export * from './kinds/ii06a.report';
