import { Body, Controller, Get, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { CurrentActor, RequestId, Roles } from '../auth/decorators';
import type { Actor } from '../core/contracts/roles';
import { CreateUser, UpdateUser, UserListQuery } from '../core/contracts/user';
import { ApiOk } from '../openapi/decorators';
import * as R from '../openapi/responses';
import { UserService } from './users.service';

class CreateUserDto extends createZodDto(CreateUser) {}
class UpdateUserDto extends createZodDto(UpdateUser) {}
class UserListQueryDto extends createZodDto(UserListQuery) {}

/** A user id: the identity provider's subject (demo users: `demo-…`), not necessarily a UUID. */
const UserIdParam = z.string().regex(/^[A-Za-z0-9_.:@-]{1,100}$/);

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
@Roles('SECURITY_ADMINISTRATOR')
export class UsersController {
  constructor(@Inject(UserService) private readonly users: UserService) {}

  @Get()
  @ApiOk(R.UserList)
  list(@Query() q: UserListQueryDto) {
    return this.users.list(q);
  }

  /** The system administrator too, for the one handover: the first security administrator (see UserService). */
  @Post()
  @Roles('SECURITY_ADMINISTRATOR', 'ADMINISTRATOR')
  @ApiOk(R.User, { status: 201 })
  create(@CurrentActor() actor: Actor, @Body() body: CreateUserDto, @RequestId() requestId: string) {
    return this.users.create(actor, body, requestId);
  }

  /** Role, jurisdiction, department, display name, disabled: takes effect on the user's tokens within seconds. */
  @Patch(':userId')
  @ApiOk(R.User)
  update(
    @CurrentActor() actor: Actor,
    @Param('userId', { schema: UserIdParam }) id: string,
    @Body() body: UpdateUserDto,
    @RequestId() requestId: string,
  ) {
    return this.users.update(actor, id, body, requestId);
  }
}
