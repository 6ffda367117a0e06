import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from '../http/zod-dto';
import { Access, ROLE_SETS } from '@dvc/access';
import { leversQuerySchema, leversSchema, LeversService } from '@dvc/dashboard';
import { ApiErrorResponses } from '../catalogue/error-response.dto';

class LeversQueryDto extends createZodDto(leversQuerySchema) {}
class LeversDto extends createZodDto(leversSchema) {}

@ApiTags('dashboard')
@Controller('v1/levers')
export class LeversController {
  constructor(private readonly levers: LeversService) {}

  @Get()
  @Access({ roles: ROLE_SETS.readFigures, agency: { query: 'agency' } })
  @ApiOperation({
    operationId: 'getLevers',
    summary: 'The procedures that would raise a scope’s online or on-time share most, and by how many points',
    description:
      'dossiers.online: procedures offered at level 3/4 whose dossiers still arrive mostly in person, ranked by ' +
      'the percentage points the scope’s online share gains if they came online. dossiers.on_time: procedures ' +
      'ranked by their late and overdue dossiers. Points add up down the list (cumulativePoints).',
  })
  @ApiOkResponse({ type: LeversDto })
  @ApiErrorResponses(400, 404)
  getLevers(@Query() query: LeversQueryDto): Promise<LeversDto> {
    return this.levers.levers(query);
  }
}
