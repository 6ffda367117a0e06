import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  UseInterceptors,
} from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodResponse, ZodSerializerInterceptor } from 'nestjs-zod';
import { createZodDto } from '../http/zod-dto';
import { z } from 'zod';
import { Access, AgencyScope, CurrentPrincipal, Principal, ROLE_SETS } from '@dvc/access';
import {
  agencyCodeSchema,
  catalogueDateSchema,
  PRESET_DOCUMENTS,
  targetInputSchema,
  targetSchema,
  TargetsService,
} from '@dvc/catalogue';
import { INDICATOR_IDS } from '@dvc/indicators';
import { ApiErrorResponses } from './error-response.dto';

class TargetParams extends createZodDto(
  z.object({ id: z.guid('expected a target id (UUID)').describe('Target id') }).strict(),
) {}
class PresetsQuery extends createZodDto(
  z
    .object({
      documents: z
        .string()
        .optional()
        .transform((text) =>
          text
            ?.split(',')
            .map((document) => document.trim())
            .filter(Boolean),
        )
        .describe(
          `Comma-separated documents whose targets apply to this province: "national" (every national one, ` +
            `the default) and/or ${PRESET_DOCUMENTS.join(', ')}`,
        ),
    })
    .strict(),
) {}
class TargetListQuery extends createZodDto(
  z
    .object({
      indicator: z.enum(INDICATOR_IDS).optional().describe('Only targets of this indicator'),
      activeOn: catalogueDateSchema.optional().describe('Only targets active on this day (YYYY-MM-DD)'),
      within: agencyCodeSchema
        .optional()
        .describe(
          "Only the targets that apply to this agency's units: the province's and those set for it or a unit " +
            'under it (a department: its own, and only inside it)',
        ),
    })
    .strict(),
) {}
class TargetBody extends createZodDto(targetInputSchema) {}
class TargetDto extends createZodDto(targetSchema) {}

@ApiTags('targets')
@UseInterceptors(ZodSerializerInterceptor)
@Controller('v1/targets')
export class TargetsController {
  constructor(
    private readonly targets: TargetsService,
    private readonly scope: AgencyScope,
  ) {}

  @Get()
  @Access({ roles: ROLE_SETS.readFigures, agency: { query: 'within' } })
  @ApiOperation({
    operationId: 'listTargets',
    summary: 'Targets; optionally one indicator’s, those active on a day, or those applying to a subtree',
  })
  @ZodResponse({ status: 200, type: [TargetDto] })
  @ApiErrorResponses(400)
  listTargets(@Query() query: TargetListQuery): Promise<TargetDto[]> {
    return this.targets.list({
      indicatorId: query.indicator,
      activeOn: query.activeOn,
      within: query.within,
    });
  }

  @Post()
  @Access({ roles: ROLE_SETS.administer })
  @ApiOperation({
    operationId: 'createTarget',
    summary: 'Add a target',
    description:
      'Refused (409) when a target with the same key exists. Without a key, the key is derived from indicator, ' +
      'options, scope, period, start, comparator and legal basis: the same target with another threshold is ' +
      'the same target (update it with PUT).',
  })
  @ZodResponse({ status: 201, type: TargetDto })
  @ApiErrorResponses(400, 409)
  createTarget(@Body() body: TargetBody): Promise<TargetDto> {
    return this.targets.create(body);
  }

  @Post('presets')
  @Access({ roles: ROLE_SETS.administer })
  @ApiOperation({
    operationId: 'loadTargetPresets',
    summary:
      'Load the targets of the documents that apply to this province (national ones unless told; idempotent)',
  })
  @ZodResponse({ status: 200, type: [TargetDto] })
  @ApiErrorResponses(400)
  loadTargetPresets(@Query() query: PresetsQuery): Promise<TargetDto[]> {
    return this.targets.loadPresets(query.documents);
  }

  @Get(':id')
  @Access({ roles: ROLE_SETS.readFigures })
  @ApiOperation({
    operationId: 'getTarget',
    summary: 'One target (a department: the province’s or one set inside its subtree)',
  })
  @ZodResponse({ status: 200, type: TargetDto })
  @ApiErrorResponses(400, 404)
  async getTarget(
    @Param() { id }: TargetParams,
    @CurrentPrincipal() principal: Principal,
  ): Promise<TargetDto> {
    const target = await this.targets.get(id);
    // The target's agency is in the row, not the request: checked here (403 outside a department's subtree).
    if (target.agencyCode) await this.scope.agencyFor(principal, target.agencyCode);
    return target;
  }

  @Put(':id')
  @Access({ roles: ROLE_SETS.administer })
  @ApiOperation({ operationId: 'replaceTarget', summary: 'Replace a target' })
  @ZodResponse({ status: 200, type: TargetDto })
  @ApiErrorResponses(400, 404, 409)
  replaceTarget(@Param() { id }: TargetParams, @Body() body: TargetBody): Promise<TargetDto> {
    return this.targets.replace(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Access({ roles: ROLE_SETS.administer })
  @ApiOperation({ operationId: 'deleteTarget', summary: 'Remove a target' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrorResponses(400, 404)
  async deleteTarget(@Param() { id }: TargetParams): Promise<void> {
    await this.targets.remove(id);
  }
}
