import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { CodecCorsMiddleware } from './codec-cors.middleware';
import { TemporalCodecController } from './temporal-codec.controller';
import { TemporalCodecService } from './temporal-codec.service';

/** The codec endpoint: payloads sealed in Temporal's history, opened for the Web UI. */
@Module({ controllers: [TemporalCodecController], providers: [TemporalCodecService] })
export class TemporalCodecModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CodecCorsMiddleware).forRoutes({ path: 'temporal-codec/*path', method: RequestMethod.ALL });
  }
}
