import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from '../http/zod-dto';
import { Access, ROLE_SETS } from '@dvc/access';
import { dataQualityQuerySchema, dataQualityReportSchema, DataQualityService } from '@dvc/data-quality';

class DataQualityQueryDto extends createZodDto(dataQualityQuerySchema) {}
class DataQualityReportDto extends createZodDto(dataQualityReportSchema) {}

@ApiTags('data-quality')
@Controller('v1/data-quality')
export class DataQualityController {
  constructor(private readonly dataQuality: DataQualityService) {}

  @Get()
  @Access({ roles: ROLE_SETS.readFigures, agency: { query: 'agency' } })
  @ApiOperation({
    operationId: 'getDataQuality',
    summary:
      'Codes the catalogue does not know, and rejected items by reason (for the province or a subtree)',
  })
  @ApiOkResponse({ type: DataQualityReportDto })
  getDataQuality(@Query() query: DataQualityQueryDto): Promise<DataQualityReportDto> {
    return this.dataQuality.report(query);
  }
}
