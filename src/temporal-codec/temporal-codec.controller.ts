import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { CurrentActor, RequestId, Roles } from '../auth/decorators';
import type { Actor } from '../core/contracts/roles';
import { CodecRequest } from './payload-json';
import { ApiOk } from '../openapi/decorators';
import * as R from '../openapi/responses';
import { TemporalCodecService } from './temporal-codec.service';

class CodecRequestDto extends createZodDto(CodecRequest) {}

/** Temporal's remote codec protocol, for the Temporal Web UI and `temporal --codec-endpoint`. */
@ApiTags('temporal-codec')
@ApiBearerAuth()
@Controller('temporal-codec')
export class TemporalCodecController {
  constructor(@Inject(TemporalCodecService) private readonly codec: TemporalCodecService) {}

  /** Clear payloads for those who audit the service; each call is on the audit trail. */
  @Post('decode')
  @HttpCode(200)
  @Roles('ADMINISTRATOR', 'AUDITOR')
  @ApiOk(R.CodecPayloads)
  decode(@CurrentActor() actor: Actor, @Body() body: CodecRequestDto, @RequestId() requestId: string) {
    return this.codec.decode(actor, body, requestId);
  }

  /** Seals what an administrator sends to a workflow from the UI (start, signal). */
  @Post('encode')
  @HttpCode(200)
  @Roles('ADMINISTRATOR')
  @ApiOk(R.CodecPayloads)
  encode(@Body() body: CodecRequestDto) {
    return this.codec.encode(body);
  }
}
