export * from './dead-letter';
export * from './dossier-event.repository';
export * from './dossier-event.row';
export * from './http-body.parser';
export * from './ingestion-pipeline';
export * from './ingestion.module';
export * from './ingestion.service';
export * from './steps/enrich-event.step';
