import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentActor } from '../auth/decorators';
import { sessionKey } from '../auth/session-activity';
import type { Actor } from '../core/contracts/roles';
import { LiveHub } from './live-hub';

@ApiTags('events')
@ApiBearerAuth()
@Controller('events')
export class LiveController {
  constructor(@Inject(LiveHub) private readonly hub: LiveHub) {}

  /**
   * Server-sent events for the console: `task` (a task of the caller's inbox opened, changed or
   * closed) and `notification` (one addressed to them), each `{ id, kind }` only; `resync` when
   * some may have been missed. Read with fetch() and the Authorization header (EventSource cannot
   * send it); the stream stays open until the client leaves.
   */
  @Get()
  @ApiProduces('text/event-stream')
  @ApiResponse({
    status: 200,
    description: '事件流（text/event-stream）：task、notification、resync，数据为 {"id","kind"}',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  async stream(@CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    // Left before the stream was registered (the LISTEN connection may still be opening): nothing stays behind.
    let ended = false;
    let remove: (() => void) | null = null;
    res.on('close', () => {
      ended = true;
      remove?.();
    });
    remove = await this.hub.open({
      actor: { ...actor },
      // The guard accepted exactly this header's bearer token.
      sessionKey: sessionKey((req.headers.authorization ?? '').replace(/^Bearer /i, '')),
      write: (chunk) => {
        if (!ended) res.write(chunk);
      },
      end: () => {
        ended = true;
        res.end();
      },
    });
    if (ended) return remove();
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // Proxies (nginx) pass each event on at once instead of buffering the response.
      'x-accel-buffering': 'no',
    });
    res.write('retry: 5000\n: connected\n\n');
  }
}
