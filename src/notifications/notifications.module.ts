import { Module } from '@nestjs/common';
import { NotificationController } from './notification.controller';
import { NotificationRepository } from './notification.repository';

/** Notifications (reminders, escalations, tasks opened) as the caller reads and marks them. */
@Module({
  controllers: [NotificationController],
  providers: [NotificationRepository],
})
export class NotificationsModule {}
