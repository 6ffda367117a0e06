import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { Access, ROLE_SETS } from '@dvc/access';
import {
  HealthReport,
  healthReportSchema,
  HealthStatusAnswer,
  healthStatusSchema,
  livenessSchema,
} from './health-report.schema';
import { HealthService } from './health.service';
import { MetricsRegistry } from './metrics.registry';

/** The documented answer: the zod schema's own JSON Schema (OpenAPI 3.1's dialect), without its `$schema`. */
const documented = (schema: z.ZodType) => {
  const { $schema: _dialect, ...jsonSchema } = z.toJSONSchema(schema, { io: 'output' });
  return jsonSchema as Record<string, unknown>;
};

/**
 * Health on every service. Without credentials, only the status (a probe's answer): which engines answer how
 * fast, and why not, is for administrators and operators (`/health/details`).
 */
@ApiTags('operations')
@Controller()
export class OpsController {
  constructor(private readonly health: HealthService) {}

  /**
   * Readiness: 503 when an engine does not answer; 200 when up or degraded (slow or stale answers are still
   * answers, and every replica shares the same engines).
   */
  @Get(['health', 'health/ready'])
  @Access({ public: true })
  @ApiOperation({
    operationId: 'getHealth',
    summary: 'Readiness: every engine answers (degraded: slow or stale); the status alone',
  })
  @ApiOkResponse({ description: 'Up or degraded', schema: documented(healthStatusSchema) })
  @ApiResponse({
    status: 503,
    description: 'An engine does not answer',
    schema: documented(healthStatusSchema),
  })
  async getHealth(@Res({ passthrough: true }) response: Response): Promise<HealthStatusAnswer> {
    const { status } = await this.reportWithStatus(response);
    return { status };
  }

  /** Liveness: the process answers; nothing probed. */
  @Get('health/live')
  @Access({ public: true })
  @ApiOperation({ operationId: 'getLiveness', summary: 'Liveness: the process answers; nothing probed' })
  @ApiOkResponse({ schema: documented(livenessSchema) })
  getLiveness(): { status: 'up' } {
    return this.health.live();
  }

  /** Readiness with the reasons and every component's figures. */
  @Get('health/details')
  @Access({ roles: ROLE_SETS.operate })
  @ApiOperation({
    operationId: 'getHealthDetails',
    summary: 'Readiness with the reasons and what each engine, the snapshot and the consumer showed',
  })
  @ApiOkResponse({ description: 'Up or degraded', schema: documented(healthReportSchema) })
  @ApiResponse({
    status: 503,
    description: 'An engine does not answer',
    schema: documented(healthReportSchema),
  })
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
@ApiTags('operations')
@Controller()
export class MetricsController {
  constructor(private readonly registry: MetricsRegistry) {}

  @Get('metrics')
  @Access({ roles: ROLE_SETS.operate })
  @Header('Content-Type', 'text/plain; version=0.0.4')
  @ApiOperation({
    operationId: 'getMetrics',
    summary: 'Prometheus metrics (not here when METRICS_PORT serves them on a port of their own)',
  })
  @ApiProduces('text/plain; version=0.0.4')
  @ApiOkResponse({ description: 'The Prometheus text exposition format', schema: { type: 'string' } })
  getMetrics(): Promise<string> {
    return this.registry.metrics();
  }
}
