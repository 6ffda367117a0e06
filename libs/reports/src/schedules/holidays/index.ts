export * from './holiday-calendar.schema';
export * from './vietnam-holidays';
export * from './working-days';
