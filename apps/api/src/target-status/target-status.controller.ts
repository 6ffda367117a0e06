import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from '../http/zod-dto';
import { Access, ROLE_SETS } from '@dvc/access';
import { targetStatusQuerySchema, targetStatusReportSchema, TargetStatusService } from '@dvc/target-status';
import { ApiErrorResponses } from '../catalogue/error-response.dto';

class TargetStatusQueryDto extends createZodDto(targetStatusQuerySchema) {}
class TargetStatusReportDto extends createZodDto(targetStatusReportSchema) {}

/** Registered before TargetsController, so `status` is never read as a target id. */
@ApiTags('targets')
@Controller('v1/targets/status')
export class TargetStatusController {
  constructor(private readonly targetStatus: TargetStatusService) {}

  @Get()
  @Access({ roles: ROLE_SETS.readFigures, agency: { query: 'agency' } })
  @ApiOperation({
    operationId: 'getTargetStatus',
    summary: 'Each applicable target: actual, threshold, gap, status, and where a running period is heading',
  })
  @ApiOkResponse({ type: TargetStatusReportDto })
  @ApiErrorResponses(400)
  getTargetStatus(@Query() query: TargetStatusQueryDto): Promise<TargetStatusReportDto> {
    return this.targetStatus.report(query);
  }
}
