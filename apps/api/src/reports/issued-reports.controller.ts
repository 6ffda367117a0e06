import {
  Body,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { createZodDto, documentedSchema } from '../http/zod-dto';
import { z } from 'zod';
import { Access, AgencyScope, CurrentPrincipal, Principal, ROLE_SETS } from '@dvc/access';
import {
  IssuedReport,
  issuedReportFilterSchema,
  IssuedReportsService,
  REPORT_FORMATS,
  reportQuerySchema,
  reportKindIdSchema,
} from '@dvc/reports';
import { ApiErrorResponses } from '../catalogue/error-response.dto';
import { attachment } from './attachment';

class IssueReportDto extends createZodDto(
  reportQuerySchema.omit({ format: true, asOf: true, sheets: true }),
) {}
class IssuedReportFilterDto extends createZodDto(issuedReportFilterSchema) {}
class DownloadQueryDto extends createZodDto(
  z.object({ format: z.enum(REPORT_FORMATS).default('json') }).strict(),
) {}

const issuedReportSchema = z.object({
  id: z.string(),
  kind: z.string(),
  agency: z.string().nullable(),
  period: z.object({ key: z.string(), cut: z.string(), from: z.string(), to: z.string() }),
  rows: z.string(),
  structure: z.string(),
  asOf: z.string().describe('The moment of ingestion the figures were counted at'),
  checksum: z.string().describe('SHA-256 of the JSON download'),
  issuedBy: z.string().describe('Who issued it: the signed-in user or the token owner'),
  issuedAt: z.string(),
});
class IssuedReportDto extends createZodDto(issuedReportSchema) {}
class IssuedReportsDto extends createZodDto(z.object({ issued: z.array(issuedReportSchema) })) {}

/**
 * Issuing (chốt số liệu), issued reports as sent, and what moved since. A department sees and issues the reports
 * of its own units only: an issued report's scope is in the row, not the request, so it is checked here (403
 * outside its subtree, as for a target or an alert; a province-wide report is outside every department's).
 */
@ApiTags('reports')
@Controller('v1/reports')
export class IssuedReportsController {
  constructor(
    private readonly issued: IssuedReportsService,
    private readonly scope: AgencyScope,
  ) {}

  @Get('issued')
  @Access({ roles: ROLE_SETS.readFigures })
  @ApiOperation({
    operationId: 'listIssuedReports',
    summary: 'Issued reports, newest period first (a department: those of its own units)',
  })
  @ApiOkResponse({ type: IssuedReportsDto })
  async list(
    @Query() filter: IssuedReportFilterDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<IssuedReportsDto> {
    if (principal.role !== 'department') return { issued: await this.issued.list(filter) };
    // A department naming another agency's reports is refused, as anywhere else; without one it gets its units'.
    if (filter.agency) await this.scope.agencyFor(principal, filter.agency);
    const own = await this.scope.unitsUnder(principal.agencyCode ?? '');
    const issued = await this.issued.list(filter);
    return { issued: issued.filter((report) => report.agency !== null && own.has(report.agency)) };
  }

  @Get('issued/:id')
  @Access({ roles: ROLE_SETS.readFigures })
  @ApiOperation({
    operationId: 'getIssuedReport',
    summary: 'An issued report as it was sent, byte for byte (format=json|csv|xlsx|pdf)',
  })
  @ApiProduces(
    'application/json',
    'text/csv',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  )
  @ApiOkResponse({ description: 'The file as it was issued, in the format asked' })
  @ApiErrorResponses(400, 404)
  async download(
    @Param('id') id: string,
    @Query() query: DownloadQueryDto,
    @Res({ passthrough: true }) response: Response,
    @CurrentPrincipal() principal: Principal,
  ): Promise<StreamableFile> {
    await this.keepToOwnUnits(principal, await this.issued.get(id));
    const { issued, file } = await this.issued.download(id, query.format);
    response.setHeader('content-type', file.contentType);
    response.setHeader('x-report-id', issued.id);
    response.setHeader('x-report-checksum', issued.checksum);
    response.setHeader('x-report-as-of', issued.asOf);
    if (query.format !== 'json') response.setHeader('content-disposition', attachment(file.filename));
    return new StreamableFile(file.bytes);
  }

  @Get('issued/:id/revisions')
  @Access({ roles: ROLE_SETS.readFigures })
  @ApiOperation({
    operationId: 'getIssuedReportRevisions',
    summary: 'What moved since issue: the rows whose counts changed, issued against now',
  })
  @ApiOkResponse({ description: 'The issued report, when it was counted again, and the rows that moved' })
  @ApiErrorResponses(400, 404)
  async revisions(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    await this.keepToOwnUnits(principal, await this.issued.get(id));
    return this.issued.revisions(id);
  }

  @Post(':kind/issue')
  @HttpCode(201)
  @Access({ roles: ['admin', 'analyst', 'department'] })
  @ApiOperation({
    operationId: 'issueReport',
    summary:
      'Issue (freeze) a report: counted now, kept as sent; once per kind, scope, period and layout ' +
      '(a department: for its own agency, the default, or a unit under it)',
  })
  @ApiParam({ name: 'kind', example: 'ii06a', schema: documentedSchema(reportKindIdSchema) })
  @ApiCreatedResponse({ type: IssuedReportDto })
  @ApiErrorResponses(400, 404, 409)
  async issue(
    @Param('kind') kind: string,
    @Body() body: IssueReportDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<IssuedReportDto> {
    const agency = (await this.scope.agencyFor(principal, body.agency)) ?? undefined;
    return this.issued.issue(kind, { ...body, agency, format: 'json' }, principal.name);
  }

  /** 403 for a department unless the report is of its agency or a unit under it. */
  private async keepToOwnUnits(principal: Principal, report: IssuedReport): Promise<void> {
    if (principal.role !== 'department') return;
    const own = principal.agencyCode ?? '';
    if (report.agency === null || !(await this.scope.isWithin(report.agency, own)))
      throw new ForbiddenException(
        `issued report ${report.id} is of ${report.agency ?? 'the province'}, outside ${own} and its units`,
      );
  }
}
