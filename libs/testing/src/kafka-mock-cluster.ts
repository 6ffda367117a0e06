import { ChildProcess, spawn } from 'node:child_process';

export interface KafkaMockCluster {
  /** host:port list for KAFKA_BROKERS. */
  brokers: string[];
  stop(): Promise<void>;
}

/**
 * librdkafka's built-in mock cluster, served by `kcat` (apt-get install kcat): a real Kafka protocol peer on
 * loopback. Topics auto-create on first produce with 4 partitions. KAFKA_BROKERS, when set, is used instead.
 */
export async function startKafkaMockCluster(): Promise<KafkaMockCluster> {
  if (process.env.KAFKA_BROKERS) {
    return { brokers: process.env.KAFKA_BROKERS.split(','), stop: async () => undefined };
  }
  const child = spawn(
    'kcat',
    ['-b', 'localhost:1', '-X', 'test.mock.num.brokers=1', '-C', '-t', 'x', '-d', 'mock'],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const bootstrap = await new Promise<string>((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`kcat mock cluster did not start: ${stderr}`)), 10_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot run kcat (apt-get install -y kcat): ${error.message}`));
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /bootstrap\.servers=(\S+)/.exec(stderr);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  child.stderr!.resume();
  return { brokers: bootstrap.split(','), stop: () => stopProcess(child) };
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** Produces with kcat itself: an independent client, so our consumer is not only tested against kafkajs. */
export function produceWithKcat(
  brokers: string[],
  topic: string,
  messages: { key: string; value: string }[],
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('kcat', ['-b', brokers.join(','), '-P', '-t', topic, '-K', '\t', '-z', 'gzip'], {
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`kcat -P exited ${code}: ${stderr}`)),
    );
    for (const message of messages) child.stdin.write(`${message.key}\t${message.value}\n`);
    child.stdin.end();
  });
}

export interface KcatMessage {
  key: string;
  value: string;
  headers: Record<string, string>;
  partition: number;
  offset: number;
}

/** Reads a topic from the beginning with kcat until `count` messages (with headers) have arrived. */
export function consumeWithKcat(brokers: string[], topic: string, count: number): Promise<KcatMessage[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'kcat',
      ['-b', brokers.join(','), '-C', '-t', topic, '-o', 'beginning', '-c', String(count), '-J', '-e'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', () => {
      clearTimeout(timer);
      const rows = stdout
        .split('\n')
        .filter(Boolean)
        .map(
          (line) =>
            JSON.parse(line) as {
              key: string;
              payload: string;
              headers?: string[];
              partition: number;
              offset: number;
            },
        );
      if (rows.length < count) reject(new Error(`read ${rows.length} of ${count} from ${topic}: ${stderr}`));
      else
        resolve(
          rows.map((row) => {
            const headers: Record<string, string> = {};
            for (let i = 0; i + 1 < (row.headers ?? []).length; i += 2)
              headers[row.headers![i]] = row.headers![i + 1];
            return {
              key: row.key,
              value: row.payload,
              headers,
              partition: row.partition,
              offset: row.offset,
            };
          }),
        );
    });
  });
}
