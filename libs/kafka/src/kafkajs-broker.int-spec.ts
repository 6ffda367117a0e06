import { randomUUID } from 'node:crypto';
import { KafkaMockCluster, produceWithKcat, startKafkaMockCluster } from '@dvc/testing';
import { KafkajsBroker } from './kafkajs-broker';
import { IncomingBatch } from './message-broker';

describe('KafkajsBroker on a real Kafka protocol peer', () => {
  let cluster: KafkaMockCluster;
  let broker: KafkajsBroker;

  beforeAll(async () => {
    cluster = await startKafkaMockCluster();
  });
  beforeEach(() => {
    broker = new KafkajsBroker({ brokers: cluster.brokers, clientId: 'broker-spec' });
  });
  afterEach(() => broker.close());
  afterAll(() => cluster.stop());

  const collect = async (topic: string, groupId: string, expected: number) => {
    const seen: IncomingBatch[] = [];
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    const consumer = await broker.consume(
      { groupId, topics: [topic], sessionTimeoutMs: 6000 },
      async (batch) => {
        seen.push(batch);
        if (seen.flatMap((b) => b.messages).length >= expected) done();
      },
    );
    await finished;
    await consumer.stop();
    return seen.flatMap((batch) => batch.messages);
  };

  it('hands produced messages to the consumer in batches with keys, values and headers', async () => {
    const topic = `t-${randomUUID()}`;
    await broker.produce(topic, [
      { key: 'HS-1', value: 'one', headers: { origin: 'spec' } },
      { key: 'HS-2', value: 'two' },
    ]);
    const messages = await collect(topic, `g-${randomUUID()}`, 2);
    expect(messages.map((m) => [m.key, m.value?.toString()]).sort()).toEqual([
      ['HS-1', 'one'],
      ['HS-2', 'two'],
    ]);
    expect(messages.find((m) => m.key === 'HS-1')?.headers).toEqual({ origin: 'spec' });
  });

  it('reads what an independent client (kcat) produced', async () => {
    const topic = `t-${randomUUID()}`;
    await produceWithKcat(cluster.brokers, topic, [{ key: 'HS-9', value: '{"a":1}' }]);
    const messages = await collect(topic, `g-${randomUUID()}`, 1);
    expect(messages[0].value?.toString()).toBe('{"a":1}');
  });

  it('commits after a batch succeeds, so the group resumes after it', async () => {
    const topic = `t-${randomUUID()}`;
    const group = `g-${randomUUID()}`;
    await broker.produce(topic, [{ key: 'k', value: 'first' }]);
    await collect(topic, group, 1);
    await broker.produce(topic, [{ key: 'k', value: 'second' }]);
    const again = await collect(topic, group, 1);
    expect(again.map((m) => m.value?.toString())).toEqual(['second']);
  });

  it('commits nothing when the handler fails, so the batch comes again', async () => {
    const topic = `t-${randomUUID()}`;
    const group = `g-${randomUUID()}`;
    await broker.produce(topic, [{ key: 'k', value: 'only' }]);
    let failed!: () => void;
    const failedOnce = new Promise<void>((resolve) => (failed = resolve));
    const consumer = await broker.consume(
      { groupId: group, topics: [topic], sessionTimeoutMs: 6000 },
      async () => {
        failed();
        throw new Error('storage down');
      },
    );
    await failedOnce;
    await consumer.stop();
    const again = await collect(topic, group, 1);
    expect(again.map((m) => m.value?.toString())).toEqual(['only']);
  });

  it('answers a ping', async () => {
    await expect(broker.ping()).resolves.toBeUndefined();
  });
});
