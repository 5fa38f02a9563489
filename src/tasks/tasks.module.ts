import { Module } from '@nestjs/common';
import { TaskController } from './task.controller';
import { TaskRepository } from './task.repository';
import { TaskService } from './task.service';

/** Human tasks: inbox, claim, unclaim, reassign. TaskRepository is exported for the cases API (completion), TaskService for the escalation board. */
@Module({
  controllers: [TaskController],
  providers: [TaskRepository, TaskService],
  exports: [TaskRepository, TaskService],
})
export class TasksModule {}
