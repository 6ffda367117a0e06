import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '@dvc/access';
import { HealthReport, HealthService } from './health.service';
import { MetricsRegistry } from './metrics.registry';

/** Liveness of every engine and Prometheus metrics, on every service. */
@ApiExcludeController()
@Controller()
export class OpsController {
  constructor(
    private readonly health: HealthService,
    private readonly registry: MetricsRegistry,
  ) {}

  @Get('health')
  @Access({ public: true })
  async getHealth(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const report = await this.health.check();
    response.status(report.status === 'up' ? 200 : 503);
    return report;
  }

  @Get('metrics')
  @Access({ roles: ['admin', 'operator'], publicWhen: 'METRICS_PUBLIC' })
  @Header('Content-Type', 'text/plain; version=0.0.4')
  getMetrics(): Promise<string> {
    return this.registry.metrics();
  }
}
