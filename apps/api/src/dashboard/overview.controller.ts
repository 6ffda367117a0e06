import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from '../http/zod-dto';
import { Access, ROLE_SETS } from '@dvc/access';
import { overviewQuerySchema, overviewSchema, OverviewService } from '@dvc/dashboard';
import { ApiErrorResponses } from '../catalogue/error-response.dto';

class OverviewQueryDto extends createZodDto(overviewQuerySchema) {}
class OverviewDto extends createZodDto(overviewSchema) {}

@ApiTags('dashboard')
@Controller('v1/dashboard/overview')
export class OverviewController {
  constructor(private readonly overviews: OverviewService) {}

  @Get()
  @Access({ roles: ROLE_SETS.readFigures, agency: { query: 'agency' } })
  @ApiOperation({
    operationId: 'getOverview',
    summary:
      "A scope's dashboard overview: today's intake, online and on-time shares, backlog, levels, targets",
  })
  @ApiOkResponse({ type: OverviewDto })
  @ApiErrorResponses(400, 404)
  getOverview(@Query() query: OverviewQueryDto): Promise<OverviewDto> {
    return this.overviews.overview(query);
  }
}
