import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { createZodDto } from '../http/zod-dto';
import { Access, ROLE_SETS } from '@dvc/access';
import {
  dossierListQuerySchema,
  dossierListSchema,
  dossiersCsv,
  DossiersToActOnService,
} from '@dvc/dashboard';
import { ApiErrorResponses } from '../catalogue/error-response.dto';

class DossierListQueryDto extends createZodDto(dossierListQuerySchema) {}
class DossierListDto extends createZodDto(dossierListSchema) {}

@ApiTags('dashboard')
@Controller('v1/dossiers')
export class DossiersController {
  constructor(private readonly dossiers: DossiersToActOnService) {}

  @Get()
  @Access({ roles: ROLE_SETS.readFigures, agency: { query: 'agency' } })
  @ApiOperation({
    operationId: 'listDossiersToActOn',
    summary: 'Open dossiers of a scope: overdue, due within 24 hours, or all open (paged; csv: all)',
    description: 'Codes, names and dates only; the event contract carries no personal data.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: DossierListDto })
  @ApiErrorResponses(400, 404)
  async list(
    @Query() query: DossierListQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DossierListDto | string> {
    const list = await this.dossiers.list(query);
    if (query.format === 'json') return list;
    const scope = list.scope.agency ?? 'tinh';
    response.setHeader('content-type', 'text/csv; charset=utf-8');
    response.setHeader(
      'content-disposition',
      `attachment; filename="ho-so-${list.status}-${scope}-${list.asOf.slice(0, 10)}.csv"`,
    );
    return dossiersCsv(list.items);
  }
}
