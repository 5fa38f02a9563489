import { Module } from '@nestjs/common';
import { ReserveFundController } from './reserve-fund.controller';
import { ReserveFundService } from './reserve-fund.service';

@Module({ controllers: [ReserveFundController], providers: [ReserveFundService] })
export class ReserveFundModule {}
