import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access, ROLE_SETS } from '@dvc/access';
import { HealthReport, HealthService } from './health.service';
import { MetricsRegistry } from './metrics.registry';

/**
 * Health on every service. Without credentials, only the status (a probe's answer): which engines answer how
 * fast, and why not, is for administrators and operators (`/health/details`).
 */
@ApiExcludeController()
@Controller()
export class OpsController {
  constructor(private readonly health: HealthService) {}

  /**
   * Readiness: 503 when an engine does not answer; 200 when up or degraded (slow or stale answers are still
   * answers, and every replica shares the same engines).
   */
  @Get(['health', 'health/ready'])
  @Access({ public: true })
  async getHealth(@Res({ passthrough: true }) response: Response): Promise<Pick<HealthReport, 'status'>> {
    const { status } = await this.reportWithStatus(response);
    return { status };
  }

  /** Liveness: the process answers; nothing probed. */
  @Get('health/live')
  @Access({ public: true })
  getLiveness(): { status: 'up' } {
    return this.health.live();
  }

  /** Readiness with the reasons and every component's figures. */
  @Get('health/details')
  @Access({ roles: ROLE_SETS.operate })
  getHealthDetails(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    return this.reportWithStatus(response);
  }

  private async reportWithStatus(response: Response): Promise<HealthReport> {
    const report = await this.health.check();
    response.status(report.status === 'down' ? 503 : 200);
    return report;
  }
}

/** /metrics on the public port, for administrators and operators; absent when METRICS_PORT serves it. */
@ApiExcludeController()
@Controller()
export class MetricsController {
  constructor(private readonly registry: MetricsRegistry) {}

  @Get('metrics')
  @Access({ roles: ROLE_SETS.operate })
  @Header('Content-Type', 'text/plain; version=0.0.4')
  getMetrics(): Promise<string> {
    return this.registry.metrics();
  }
}
