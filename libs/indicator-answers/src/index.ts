export * from './indicator-answer.schema';
export * from './indicator-answers.module';
export * from './indicator-answers.service';
export * from './indicator-presentation';
