import { Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { CurrentActor } from '../auth/decorators';
import { UuidPath } from '../common/uuid-param.pipe';
import type { Actor } from '../core/contracts/roles';
import { ApiOk } from '../openapi/decorators';
import * as R from '../openapi/responses';
import { NotificationQuery } from './notification.dto';
import { NotificationRepository } from './notification.repository';

class NotificationQueryDto extends createZodDto(NotificationQuery) {}

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationController {
  constructor(@Inject(NotificationRepository) private readonly notifications: NotificationRepository) {}

  /** The caller's notifications (to them, or to their role in their jurisdiction), unread first. */
  @Get()
  @ApiOk(R.NotificationPage)
  list(@CurrentActor() actor: Actor, @Query() q: NotificationQueryDto) {
    return this.notifications.list(actor, q);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOk(R.Notification)
  read(@CurrentActor() actor: Actor, @UuidPath() id: string) {
    return this.notifications.markRead(actor, id);
  }
}
