import { Module } from '@nestjs/common';
import { ReserveFundController } from './reserve-fund.controller';
import { ReserveFundRepository } from './reserve-fund.repository';
import { ReserveFundService } from './reserve-fund.service';

@Module({ controllers: [ReserveFundController], providers: [ReserveFundRepository, ReserveFundService] })
export class ReserveFundModule {}
