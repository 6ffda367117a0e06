import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from '../http/zod-dto';
import { Access, ROLE_SETS } from '@dvc/access';
import { leaderboardQuerySchema, leaderboardSchema, LeaderboardService } from '@dvc/dashboard';
import { ApiErrorResponses } from '../catalogue/error-response.dto';

class LeaderboardQueryDto extends createZodDto(leaderboardQuerySchema) {}
class LeaderboardDto extends createZodDto(leaderboardSchema) {}

@ApiTags('dashboard')
@Controller('v1/dashboard/leaderboard')
export class LeaderboardController {
  constructor(private readonly leaderboards: LeaderboardService) {}

  @Get()
  @Access({ roles: ROLE_SETS.readFigures, agency: { query: 'agency' } })
  @ApiOperation({
    operationId: 'getLeaderboard',
    summary:
      "A scope's child units (or fields, or procedures) ranked by an indicator, with target, status and a " +
      '30-day sparkline each',
    description:
      'The figures are those of GET /v1/indicators/{id}?groupBy=agency|field|procedure for the same scope; ' +
      'the sparklines come from one grouped series for every row.',
  })
  @ApiOkResponse({ type: LeaderboardDto })
  @ApiErrorResponses(400, 404)
  getLeaderboard(@Query() query: LeaderboardQueryDto): Promise<LeaderboardDto> {
    return this.leaderboards.leaderboard(query);
  }
}
