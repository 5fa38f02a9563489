import { Module } from '@nestjs/common';
import { UsersController } from './users.controller';
import { UserRepository } from './user.repository';
import { UserService } from './users.service';

// The repository is exported for the dev token endpoint (app module).
@Module({ controllers: [UsersController], providers: [UserRepository, UserService], exports: [UserRepository] })
export class UsersModule {}
