import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Access, CurrentPrincipal, Principal, ROLE_SETS } from '@dvc/access';
import { ingestGrantFor, IngestionService } from '@dvc/ingestion';
import { IngestEventsResponseDto } from './ingest-events-response.dto';

@ApiTags('events')
@Controller('v1/events')
export class EventsController {
  constructor(private readonly ingestion: IngestionService) {}

  @Post()
  @HttpCode(200)
  @Access({ roles: ROLE_SETS.ingest })
  @ApiOperation({
    operationId: 'ingestEvents',
    summary: 'Ingest dossier events',
    description:
      'A JSON array or NDJSON (application/x-ndjson) of contract-v1 events, at most 10,000 events or 10 MB. ' +
      'Valid events are stored; the answer lists each rejected item with its index and reasons. A source ' +
      'token writes only events of its own source (else `forbidden_source`) and, if it has an agency, only for ' +
      "that agency's units on the event's day (else `agency_out_of_scope`); an admin writes anything.",
  })
  @ApiConsumes('application/json', 'application/x-ndjson')
  @ApiBody({ schema: { type: 'array', items: { $ref: '#/components/schemas/DossierEventV1' } } })
  @ApiOkResponse({ type: IngestEventsResponseDto })
  async ingestEvents(
    @Req() request: Request,
    @CurrentPrincipal() principal: Principal,
  ): Promise<IngestEventsResponseDto> {
    const outcome = await this.ingestion.ingestHttpBody(
      request.headers['content-type'],
      request.body as Buffer,
      ingestGrantFor(principal),
    );
    return {
      accepted: outcome.accepted,
      duplicates: outcome.duplicates,
      rejected: outcome.rejected.map(({ index, eventId, reason, errors }) => ({
        index,
        eventId,
        reason,
        errors,
      })),
    };
  }
}
