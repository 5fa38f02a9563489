import { Module } from '@nestjs/common';
import { ApplicationController } from './application.controller';
import { ApplicationService } from './application.service';
import { TimeLimits } from './time-limits';

@Module({ controllers: [ApplicationController], providers: [ApplicationService, TimeLimits] })
export class ApplicationsModule {}
