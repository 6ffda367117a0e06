import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { createZodDto, documentedSchema } from '../http/zod-dto';
import { z } from 'zod';
import { Access, ROLE_SETS } from '@dvc/access';
import {
  reportKindDescriptionSchema,
  reportKindIdSchema,
  reportQuerySchema,
  ReportsService,
} from '@dvc/reports';
import { ApiErrorResponses } from '../catalogue/error-response.dto';
import { attachment } from './attachment';

class ReportQueryDto extends createZodDto(reportQuerySchema) {}
class ReportKindsDto extends createZodDto(
  z.object({ kinds: z.array(reportKindDescriptionSchema.extend({ id: reportKindIdSchema })) }),
) {}

@ApiTags('reports')
@Controller('v1/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get()
  @Access({ roles: ROLE_SETS.readFigures })
  @ApiOperation({
    operationId: 'listReportKinds',
    summary: 'The report kinds (official forms) this build makes',
  })
  @ApiOkResponse({ type: ReportKindsDto })
  listKinds(): ReportKindsDto {
    return { kinds: [...this.reports.kinds()] };
  }

  @Get(':kind')
  @Access({ roles: ROLE_SETS.readFigures, agency: { query: 'agency' } })
  @ApiOperation({
    operationId: 'getReport',
    summary: 'A report for a scope and a statutory or calendar period, as JSON, CSV (UTF-8 BOM), XLSX or PDF',
  })
  @ApiParam({ name: 'kind', example: 'ii06a', schema: documentedSchema(reportKindIdSchema) })
  @ApiProduces(
    'application/json',
    'text/csv',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/pdf',
  )
  @ApiOkResponse({ description: 'The report in the format asked' })
  @ApiErrorResponses(400, 404)
  async getReport(
    @Param('kind') kind: string,
    @Query() query: ReportQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const report = await this.reports.compute(kind, query);
    const file = await this.reports.render(report, query.format);
    response.setHeader('content-type', file.contentType);
    if (query.format !== 'json') response.setHeader('content-disposition', attachment(file.filename));
    return new StreamableFile(file.bytes);
  }
}
