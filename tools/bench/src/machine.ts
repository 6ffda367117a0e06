import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { BenchClickHouse } from './bench-clickhouse';

export interface MachineInfo {
  cpuModel: string;
  cpuCount: number;
  totalMemoryGiB: number;
  os: string;
  node: string;
  clickhouse: string;
  clickhouseVersion: string;
  loadAverageAtStart: string;
}

export async function machineInfo(clickhouse: BenchClickHouse): Promise<MachineInfo> {
  const processors = cpus();
  return {
    cpuModel: processors[0]?.model ?? 'unknown',
    cpuCount: processors.length,
    totalMemoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${platform()} ${release()}`,
    node: process.version,
    clickhouse: clickhouse.engine,
    clickhouseVersion: await clickhouse.scalar('SELECT version()'),
    loadAverageAtStart: loadavg()
      .map((load) => load.toFixed(2))
      .join(' '),
  };
}
