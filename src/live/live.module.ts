import { Module } from '@nestjs/common';
import { LiveController } from './live.controller';
import { LiveHub } from './live-hub';
import { PgChannel } from './pg-channel';
import { StreamSession } from './stream-session';

/** The console's live updates: PostgreSQL LISTEN/NOTIFY fanned out as server-sent events. */
@Module({
  controllers: [LiveController],
  providers: [PgChannel, StreamSession, LiveHub],
})
export class LiveModule {}
