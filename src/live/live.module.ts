import { Module } from '@nestjs/common';
import { LiveController } from './live.controller';
import { LiveHub } from './live-hub';
import { PgChannel } from './pg-channel';

/** The console's live updates: PostgreSQL LISTEN/NOTIFY fanned out as server-sent events. */
@Module({
  controllers: [LiveController],
  providers: [PgChannel, LiveHub],
})
export class LiveModule {}
