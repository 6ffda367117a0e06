import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { Access } from '@dvc/access';
import { HealthReport, healthReportSchema, livenessSchema } from './health-report.schema';
import { HealthService } from './health.service';
import { MetricsRegistry } from './metrics.registry';

/** The documented answer: the zod schema's own JSON Schema (OpenAPI 3.1's dialect), without its `$schema`. */
const documented = (schema: z.ZodType) => {
  const { $schema: _dialect, ...jsonSchema } = z.toJSONSchema(schema, { io: 'output' });
  return jsonSchema as Record<string, unknown>;
};

/** Liveness, readiness and Prometheus metrics, on every service. */
@ApiTags('operations')
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
  @ApiOperation({
    operationId: 'getHealth',
    summary: 'Readiness: every engine answers (degraded: slow or stale)',
  })
  @ApiOkResponse({ description: 'Up or degraded', schema: documented(healthReportSchema) })
  @ApiResponse({
    status: 503,
    description: 'An engine does not answer',
    schema: documented(healthReportSchema),
  })
  async getHealth(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const report = await this.health.check();
    response.status(report.status === 'down' ? 503 : 200);
    return report;
  }

  /** Liveness: the process answers; nothing probed. */
  @Get('health/live')
  @Access({ public: true })
  @ApiOperation({ operationId: 'getLiveness', summary: 'Liveness: the process answers; nothing probed' })
  @ApiOkResponse({ schema: documented(livenessSchema) })
  getLiveness(): { status: 'up' } {
    return this.health.live();
  }

  @Get('metrics')
  @Access({ roles: ['admin', 'operator'], publicWhen: 'METRICS_PUBLIC' })
  @Header('Content-Type', 'text/plain; version=0.0.4')
  @ApiOperation({
    operationId: 'getMetrics',
    summary: 'Prometheus metrics (open to anyone when METRICS_PUBLIC=true)',
  })
  @ApiProduces('text/plain; version=0.0.4')
  @ApiOkResponse({ description: 'The Prometheus text exposition format', schema: { type: 'string' } })
  getMetrics(): Promise<string> {
    return this.registry.metrics();
  }
}
