import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
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
  AlertEvaluator,
  alertRuleInputSchema,
  alertRuleSchema,
  AlertRulesService,
  AlertsRepository,
  AlertsService,
  silenceInputSchema,
} from '@dvc/alerts';
import { Access, CurrentPrincipal, Principal, ROLE_SETS } from '@dvc/access';
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

/** Acknowledging and silencing: the PASC's operators and the administrators (a department's own: not yet). */
const RESPOND = ['admin', 'operator'] as const;

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
    private readonly evaluator: AlertEvaluator,
  ) {}

  @Get()
  @Access({ roles: ROLE_SETS.readFigures, agency: { query: 'agency' } })
  @ApiOperation({
    operationId: 'listAlerts',
    summary: 'Current alerts (one per rule and unit), by state and scope',
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
    return this.evaluator.evaluateOnce();
  }

  @Get(':id')
  @Access({ roles: ROLE_SETS.readProvince })
  @ApiOperation({ operationId: 'getAlert', summary: 'One alert with its state and latest figures' })
  @ApiOkResponse({ description: 'The alert with its state and latest figures' })
  @ApiErrorResponses(400, 404)
  getAlert(@Param() { id }: AlertParams) {
    return this.alerts.get(id);
  }

  @Get(':id/history')
  @Access({ roles: ROLE_SETS.readProvince })
  @ApiOperation({
    operationId: 'getAlertHistory',
    summary: 'Every change of an alert, with the figures read then',
  })
  @ApiOkResponse({ description: 'Its transitions and the notifications sent' })
  @ApiErrorResponses(400, 404)
  async getAlertHistory(@Param() { id }: AlertParams) {
    return { history: await this.alerts.history(id), notifications: await this.alerts.notifications(id) };
  }

  @Post(':id/ack')
  @Access({ roles: RESPOND })
  @HttpCode(200)
  @ApiOperation({
    operationId: 'acknowledgeAlert',
    summary:
      'Acknowledge a firing alert with a comment: its reminders stop until it resolves or worsens again',
  })
  @ApiOkResponse({ description: 'The alert, acknowledged' })
  @ApiErrorResponses(400, 404, 409)
  acknowledgeAlert(
    @Param() { id }: AlertParams,
    @Body() body: AcknowledgementBody,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.alerts.acknowledge(id, principal.name, body.comment);
  }
}

@ApiTags('alerts')
@Controller('v1/silences')
export class SilencesController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  @Access({ roles: ROLE_SETS.readProvince })
  @ApiOperation({ operationId: 'listSilences', summary: 'Silences, newest first' })
  @ApiOkResponse({ description: 'The silences, newest first' })
  listSilences() {
    return this.alerts.listSilences();
  }

  @Post()
  @Access({ roles: RESPOND })
  @ApiOperation({
    operationId: 'createSilence',
    summary:
      'Silence the alerts whose labels match, for a time window (Alertmanager-style equality matchers)',
  })
  @ApiCreatedResponse({ description: 'The silence' })
  @ApiErrorResponses(400)
  createSilence(@Body() body: SilenceBody, @CurrentPrincipal() principal: Principal) {
    return this.alerts.createSilence(body, principal.name);
  }

  @Delete(':id')
  @Access({ roles: RESPOND })
  @ApiOperation({ operationId: 'expireSilence', summary: 'End a silence now (kept for the record)' })
  @ApiOkResponse({ description: 'The silence, ended now' })
  @ApiErrorResponses(400, 404, 409)
  expireSilence(@Param() { id }: SilenceParams) {
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
