import { Controller, MessageEvent, Query, Sse } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { map, Observable } from 'rxjs';
import { Access, ROLE_SETS } from '@dvc/access';
import { LIVE_RETRY_MS, LiveOverviewService, overviewQuerySchema } from '@dvc/dashboard';
import { createZodDto } from '../http/zod-dto';
import { ApiErrorResponses } from '../catalogue/error-response.dto';

class LiveQueryDto extends createZodDto(overviewQuerySchema) {}

@ApiTags('dashboard')
@Controller('v1/dashboard/live')
export class LiveController {
  constructor(private readonly live: LiveOverviewService) {}

  @Sse()
  @Access({ roles: ROLE_SETS.readFigures, agency: { query: 'agency' } })
  @ApiOperation({
    operationId: 'watchOverview',
    summary: "A scope's overview, pushed as Server-Sent Events whenever new events land",
    description:
      'An `overview` event (data: the body of GET /v1/dashboard/overview, `asOf` the moment its figures were ' +
      'counted; id: that moment) when the stream opens, then whenever events are stored, at most one a second, ' +
      'and at least once a minute; a `heartbeat` event (data: `{"at": ...}`) every 15 s. Events this process ' +
      'stores (POST /v1/events) are pushed at once; events another process stores (a separate Kafka ingest) ' +
      'within LIVE_WATERMARK_EVERY_MS (1 s) more. One computation per scope serves every subscriber of that ' +
      'scope. A department watches only its own units.',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'The event stream (text/event-stream)' })
  @ApiErrorResponses(400, 404)
  async watchOverview(@Query() query: LiveQueryDto): Promise<Observable<MessageEvent>> {
    return (await this.live.watch(query)).pipe(
      map((message) =>
        message.type === 'overview'
          ? { type: message.type, id: message.id, data: message.data, retry: LIVE_RETRY_MS }
          : { type: message.type, data: message.data },
      ),
    );
  }
}
