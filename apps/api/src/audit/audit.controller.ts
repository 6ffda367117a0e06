import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from '../http/zod-dto';
import { Access, ROLE_SETS } from '@dvc/access';
import { auditFilterSchema, auditPageSchema, AuditTrail } from '@dvc/audit';
import { ApiErrorResponses } from '../catalogue/error-response.dto';

class AuditFilterDto extends createZodDto(auditFilterSchema) {}
class AuditPageDto extends createZodDto(auditPageSchema) {}

@ApiTags('access')
@Access({ roles: ROLE_SETS.administer })
@Controller('v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditTrail) {}

  @Get()
  @ApiOperation({
    operationId: 'listAuditEntries',
    summary: 'The audit log, newest first: who changed what, when, in which request, before and after',
  })
  @ApiOkResponse({ type: AuditPageDto })
  @ApiErrorResponses(400)
  listAuditEntries(@Query() filter: AuditFilterDto): Promise<AuditPageDto> {
    return this.audit.list(filter);
  }
}
