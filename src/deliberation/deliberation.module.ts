import { Module } from '@nestjs/common';
import { DeliberationController } from './deliberation.controller';
import { DeliberationService } from './deliberation.service';

@Module({ controllers: [DeliberationController], providers: [DeliberationService], exports: [DeliberationService] })
export class DeliberationModule {}
