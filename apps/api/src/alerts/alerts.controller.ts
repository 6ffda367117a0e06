import {
  Body,
  Controller,
  Delete,
  ForbiddenException,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { createZodDto } from '../http/zod-dto';
import { z } from 'zod';
import {
  acknowledgementInputSchema,
  ALERT_STATES,
  alertRuleInputSchema,
  alertRuleSchema,
  AlertRulesService,
  AlertsRepository,
  AlertsService,
  silenceInputSchema,
  unitsConfinedTo,
} from '@dvc/alerts';
import { Access, AgencyScope, CurrentPrincipal, Principal, ROLE_SETS } from '@dvc/access';
import { agencyCodeSchema } from '@dvc/catalogue';
import { queriedCodeSchema } from '@dvc/indicators';
import { ApiErrorResponses } from '../catalogue/error-response.dto';

const idParams = (what: string) =>
  z.object({ id: z.guid(`expected ${what} id (UUID)`).describe(`${what} id`) }).strict();
class RuleParams extends createZodDto(idParams('an alert rule')) {}
class AlertParams extends createZodDto(idParams('an alert')) {}
class SilenceParams extends createZodDto(idParams('a silence')) {}
class ContactParams extends createZodDto(idParams('a contact')) {}
class RuleBody extends createZodDto(alertRuleInputSchema) {}
class AlertRuleDto extends createZodDto(alertRuleSchema) {}
class AlertRulesDto extends createZodDto(z.array(alertRuleSchema)) {}
class AcknowledgementBody extends createZodDto(acknowledgementInputSchema) {}
class SilenceBody extends createZodDto(silenceInputSchema) {}
class ContactBody extends createZodDto(
  z
    .object({
      agencyCode: agencyCodeSchema,
      email: z.email(),
      name: z.string().trim().min(1).max(200),
      role: z.enum(['head', 'member']).default('head'),
    })
    .strict(),
) {}
class AlertListQuery extends createZodDto(
  z
    .object({
      state: z
        .string()
        .transform((text) => text.split(',').map((part) => part.trim()))
        .pipe(z.array(z.enum(ALERT_STATES)).min(1))
        .optional()
        .describe('Comma-separated states, e.g. firing,pending'),
      agency: queriedCodeSchema.optional().describe('Only alerts on this agency and the units under it'),
      rule: z.guid().optional().describe('Only this rule’s alerts'),
    })
    .strict(),
) {}

/**
 * Acknowledging and silencing: the PASC's operators, the administrators, and a department for its own units
 * (an alert of a unit in its subtree; a silence whose `agency` matchers all name such units).
 */
const RESPOND = ['admin', 'operator', 'department'] as const;

/**
 * A department acts on alerts of its own units only: the unit is in the alert (or the silence's matchers), not
 * the request, so it is checked here (403 outside its subtree, as for a target). A province-wide alert (no unit)
 * and a silence that names no unit are outside every department's.
 */
async function keepToOwnUnits(
  scope: AgencyScope,
  principal: Principal,
  units: readonly string[] | null,
  what: string,
): Promise<void> {
  if (principal.role !== 'department') return;
  const own = principal.agencyCode ?? '';
  if (units === null || units.length === 0)
    throw new ForbiddenException(`${what} names no unit inside ${own}: a department may not act on it`);
  for (const unit of units)
    if (!unit || !(await scope.isWithin(unit, own)))
      throw new ForbiddenException(`${what} is on ${unit || 'the province'}, outside ${own} and its units`);
}

/** Whether a department may see a silence (every other role sees them all). */
const seesSilence = async (
  scope: AgencyScope,
  principal: Principal,
  matchers: Parameters<typeof unitsConfinedTo>[0],
) =>
  keepToOwnUnits(scope, principal, unitsConfinedTo(matchers), 'silence').then(
    () => true,
    () => false,
  );

@ApiTags('alerts')
@Controller('v1/alert-rules')
export class AlertRulesController {
  constructor(private readonly rules: AlertRulesService) {}

  @Get()
  @Access({ roles: ROLE_SETS.readProvince })
  @ApiOperation({ operationId: 'listAlertRules', summary: 'Alert rules' })
  @ApiOkResponse({ type: AlertRulesDto })
  listAlertRules() {
    return this.rules.list();
  }

  @Post()
  @Access({ roles: ROLE_SETS.administer })
  @ApiOperation({ operationId: 'createAlertRule', summary: 'Add an alert rule (409 when its key exists)' })
  @ApiCreatedResponse({ type: AlertRuleDto })
  @ApiErrorResponses(400, 409)
  createAlertRule(@Body() body: RuleBody) {
    return this.rules.create(body);
  }

  @Post('import-targets')
  @Access({ roles: ROLE_SETS.administer })
  @HttpCode(200)
  @ApiOperation({
    operationId: 'importAlertRulesFromTargets',
    summary: 'Make every active target a "below its target" rule (target.<key>); idempotent',
  })
  @ApiOkResponse({ description: 'How many rules were made from targets, and the rules' })
  importAlertRulesFromTargets() {
    return this.rules.importTargets();
  }

  @Get(':id')
  @Access({ roles: ROLE_SETS.readProvince })
  @ApiOperation({ operationId: 'getAlertRule', summary: 'One alert rule' })
  @ApiOkResponse({ type: AlertRuleDto })
  @ApiErrorResponses(400, 404)
  getAlertRule(@Param() { id }: RuleParams) {
    return this.rules.get(id);
  }

  @Put(':id')
  @Access({ roles: ROLE_SETS.administer })
  @ApiOperation({ operationId: 'replaceAlertRule', summary: 'Replace an alert rule' })
  @ApiOkResponse({ type: AlertRuleDto })
  @ApiErrorResponses(400, 404, 409)
  replaceAlertRule(@Param() { id }: RuleParams, @Body() body: RuleBody) {
    return this.rules.replace(id, body);
  }

  @Delete(':id')
  @Access({ roles: ROLE_SETS.administer })
  @HttpCode(204)
  @ApiOperation({
    operationId: 'deleteAlertRule',
    summary: 'Remove an alert rule with its alerts and history',
  })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrorResponses(400, 404)
  async deleteAlertRule(@Param() { id }: RuleParams): Promise<void> {
    await this.rules.remove(id);
  }
}

@ApiTags('alerts')
@Controller('v1/alerts')
export class AlertsController {
  constructor(
    private readonly alerts: AlertsService,
    private readonly scope: AgencyScope,
  ) {}

  private async ownAlert(id: string, principal: Principal) {
    const alert = await this.alerts.get(id);
    await keepToOwnUnits(this.scope, principal, [alert.unitCode], `alert ${id}`);
    return alert;
  }

  @Get()
  @Access({ roles: ROLE_SETS.readFigures, agency: { query: 'agency' } })
  @ApiOperation({
    operationId: 'listAlerts',
    summary: 'Current alerts (one per rule and unit), by state and scope',
    description:
      'A department: those of its own units only (its agency when it names none; 403 outside its subtree).',
  })
  @ApiOkResponse({ description: 'The alerts, each with its state and latest figures' })
  @ApiErrorResponses(400)
  listAlerts(@Query() query: AlertListQuery) {
    return this.alerts.list({ states: query.state, agency: query.agency, ruleId: query.rule });
  }

  @Post('evaluate')
  @Access({ roles: ROLE_SETS.administer })
  @HttpCode(200)
  @ApiOperation({
    operationId: 'evaluateAlerts',
    summary: 'Evaluate every rule now (skipped while another replica holds the evaluator lease)',
  })
  @ApiOkResponse({ description: 'What the evaluation did' })
  evaluateAlerts() {
    return this.alerts.evaluateNow();
  }

  @Get(':id')
  @Access({ roles: ROLE_SETS.readFigures })
  @ApiOperation({
    operationId: 'getAlert',
    summary: 'One alert with its state and latest figures (a department: of its own units; 403 otherwise)',
  })
  @ApiOkResponse({ description: 'The alert with its state and latest figures' })
  @ApiErrorResponses(400, 404)
  getAlert(@Param() { id }: AlertParams, @CurrentPrincipal() principal: Principal) {
    return this.ownAlert(id, principal);
  }

  @Get(':id/history')
  @Access({ roles: ROLE_SETS.readFigures })
  @ApiOperation({
    operationId: 'getAlertHistory',
    summary:
      'Every change of an alert, with the figures read then (a department: of its own units; 403 otherwise)',
  })
  @ApiOkResponse({ description: 'Its transitions and the notifications sent' })
  @ApiErrorResponses(400, 404)
  async getAlertHistory(@Param() { id }: AlertParams, @CurrentPrincipal() principal: Principal) {
    await this.ownAlert(id, principal);
    return { history: await this.alerts.history(id), notifications: await this.alerts.notifications(id) };
  }

  @Post(':id/ack')
  @Access({ roles: RESPOND })
  @HttpCode(200)
  @ApiOperation({
    operationId: 'acknowledgeAlert',
    summary:
      'Acknowledge a firing alert with a comment: its reminders stop until it resolves or worsens again ' +
      '(a department: of its own units; 403 otherwise)',
  })
  @ApiOkResponse({ description: 'The alert, acknowledged' })
  @ApiErrorResponses(400, 404, 409)
  async acknowledgeAlert(
    @Param() { id }: AlertParams,
    @Body() body: AcknowledgementBody,
    @CurrentPrincipal() principal: Principal,
  ) {
    await this.ownAlert(id, principal);
    return this.alerts.acknowledge(id, principal.name, body.comment);
  }
}

@ApiTags('alerts')
@Controller('v1/silences')
export class SilencesController {
  constructor(
    private readonly alerts: AlertsService,
    private readonly scope: AgencyScope,
  ) {}

  @Get()
  @Access({ roles: ROLE_SETS.readFigures })
  @ApiOperation({
    operationId: 'listSilences',
    summary: 'Silences, newest first (a department: those confined to its own units)',
  })
  @ApiOkResponse({ description: 'The silences, newest first' })
  async listSilences(@CurrentPrincipal() principal: Principal) {
    const silences = await this.alerts.listSilences();
    if (principal.role !== 'department') return silences;
    const seen = await Promise.all(
      silences.map((silence) => seesSilence(this.scope, principal, silence.matchers)),
    );
    return silences.filter((_, index) => seen[index]);
  }

  @Post()
  @Access({ roles: RESPOND })
  @ApiOperation({
    operationId: 'createSilence',
    summary:
      'Silence the alerts whose labels match, for a time window (Alertmanager-style equality matchers)',
    description:
      'A department: only with an `agency` equality matcher, every one naming a unit of its subtree (403 ' +
      'otherwise), so that its silence can never quiet another unit’s alerts.',
  })
  @ApiCreatedResponse({ description: 'The silence' })
  @ApiErrorResponses(400)
  async createSilence(@Body() body: SilenceBody, @CurrentPrincipal() principal: Principal) {
    await keepToOwnUnits(this.scope, principal, unitsConfinedTo(body.matchers), 'the silence');
    return this.alerts.createSilence(body, principal.name);
  }

  @Delete(':id')
  @Access({ roles: RESPOND })
  @ApiOperation({
    operationId: 'expireSilence',
    summary: 'End a silence now (kept for the record; a department: one confined to its own units)',
  })
  @ApiOkResponse({ description: 'The silence, ended now' })
  @ApiErrorResponses(400, 404, 409)
  async expireSilence(@Param() { id }: SilenceParams, @CurrentPrincipal() principal: Principal) {
    const silence = await this.alerts.getSilence(id);
    await keepToOwnUnits(this.scope, principal, unitsConfinedTo(silence.matchers), `silence ${id}`);
    return this.alerts.expireSilence(id);
  }
}

@ApiTags('alerts')
@Controller('v1/alert-contacts')
export class AlertContactsController {
  constructor(private readonly repository: AlertsRepository) {}

  @Get()
  @Access({ roles: ROLE_SETS.administer })
  @ApiOperation({ operationId: 'listAlertContacts', summary: 'Who hears of each agency’s alerts' })
  @ApiOkResponse({ description: 'The contacts' })
  listAlertContacts() {
    return this.repository.listContacts();
  }

  @Post()
  @Access({ roles: ROLE_SETS.administer })
  @ApiOperation({
    operationId: 'putAlertContact',
    summary: 'Add (or update) a contact of an agency: it hears of that agency’s alerts only',
  })
  @ApiCreatedResponse({ description: 'The contact' })
  @ApiErrorResponses(400)
  putAlertContact(@Body() body: ContactBody) {
    return this.repository.upsertContact(body);
  }

  @Delete(':id')
  @Access({ roles: ROLE_SETS.administer })
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrorResponses(400, 404)
  @ApiOperation({ operationId: 'deleteAlertContact', summary: 'Remove a contact' })
  async deleteAlertContact(@Param() { id }: ContactParams): Promise<void> {
    await this.repository.removeContact(id);
  }
}
