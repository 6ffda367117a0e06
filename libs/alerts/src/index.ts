export * from './state/alert-condition';
export * from './state/alert-state';
export * from './state/alert-state-machine';
