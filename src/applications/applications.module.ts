import { Module } from '@nestjs/common';
import { ApplicationController } from './application.controller';
import { ApplicationService } from './application.service';

@Module({ controllers: [ApplicationController], providers: [ApplicationService] })
export class ApplicationsModule {}
