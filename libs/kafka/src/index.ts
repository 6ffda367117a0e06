export * from './kafka-batch.transport';
export * from './kafka.module';
export * from './kafkajs-broker';
export * from './message-broker';
