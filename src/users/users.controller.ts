import { Body, Controller, Get, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { CurrentActor, RequestId, Roles } from '../auth/decorators';
import type { Actor } from '../contracts/roles';
import { CreateUser, UpdateUser, UserListQuery } from '../contracts/user';
import { UserService } from './users.service';

class CreateUserDto extends createZodDto(CreateUser) {}
class UpdateUserDto extends createZodDto(UpdateUser) {}
class UserListQueryDto extends createZodDto(UserListQuery) {}

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/v1/users')
@Roles('ADMINISTRATOR')
export class UsersController {
  constructor(@Inject(UserService) private readonly users: UserService) {}

  @Get()
  list(@Query() q: UserListQueryDto) {
    return this.users.list(q);
  }

  @Post()
  create(@CurrentActor() actor: Actor, @Body() body: CreateUserDto, @RequestId() requestId: string) {
    return this.users.create(actor, body, requestId);
  }

  /** Role, jurisdiction, department, display name, disabled: takes effect on the user's tokens within seconds. */
  @Patch(':id')
  update(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: UpdateUserDto, @RequestId() requestId: string) {
    return this.users.update(actor, id, body, requestId);
  }
}
