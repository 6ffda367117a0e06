import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '@dvc/access';
import { HealthReport, HealthService } from './health.service';
import { MetricsRegistry } from './metrics.registry';

/** Liveness, readiness and Prometheus metrics, on every service. */
@ApiExcludeController()
@Controller()
export class OpsController {
  constructor(
    private readonly health: HealthService,
    private readonly registry: MetricsRegistry,
  ) {}

  /**
   * Readiness: 503 when an engine does not answer; 200 when up or degraded (slow or stale answers are still
   * answers, and every replica shares the same engines), the reasons listed.
   */
  @Get(['health', 'health/ready'])
  @Access({ public: true })
  async getHealth(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const report = await this.health.check();
    response.status(report.status === 'down' ? 503 : 200);
    return report;
  }

  /** Liveness: the process answers; nothing probed. */
  @Get('health/live')
  @Access({ public: true })
  getLiveness(): { status: 'up' } {
    return this.health.live();
  }

  @Get('metrics')
  @Access({ roles: ['admin', 'operator'], publicWhen: 'METRICS_PUBLIC' })
  @Header('Content-Type', 'text/plain; version=0.0.4')
  getMetrics(): Promise<string> {
    return this.registry.metrics();
  }
}
