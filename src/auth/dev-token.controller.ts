import { Body, Controller, Get, Inject, Post, Req } from '@nestjs/common';
import { clientOf } from '../common/client';
import { LoginLockout } from './login-lockout';
import { ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { Text } from '../core/contracts/text';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { DomainError } from '../common/domain-error';
import type { Role } from '../core/contracts/roles';
import { UserRepository } from '../users/user.repository';
import { Public } from './decorators';
import { signToken } from './token-verifier';
import { ApiErrors, ApiOk } from '../openapi/decorators';
import * as R from '../openapi/responses';
import { refuse } from '../common/refusals';

class DevTokenRequest extends createZodDto(z.strictObject({ username: Text({ max: 100, trim: false }) })) {}

/**
 * Embedded mode only: tokens for the seeded demo users, so the API can be tried without
 * an identity provider. Not registered at all when NODE_ENV=production (404).
 */
@ApiTags('dev')
@Controller('dev')
export class DevTokenController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(UserRepository) private readonly accounts: UserRepository,
    @Inject(LoginLockout) private readonly lockout: LoginLockout,
  ) {}

  @Get('users')
  @Public()
  @ApiOk(R.DevUsers)
  users() {
    return this.accounts.demoUsers();
  }

  @Post('tokens')
  @Public()
  @ApiOk(R.DevToken, { status: 201 })
  @ApiErrors(404, 429)
  async token(@Body() body: DevTokenRequest, @Req() req: { ip?: string }) {
    const client = clientOf(req);
    const locked = this.lockout.lockedMinutes(client);
    if (locked > 0) refuse('LOGIN_LOCKED', `登录失败次数过多，请 ${locked} 分钟后再试`);
    const user = await this.accounts.findByUsername(body.username);
    if (!user) {
      this.lockout.fail(client);
      refuse('UNKNOWN_USER', `演示用户 ${body.username} 不存在`);
    }
    if (user.disabled) throw new DomainError(403, 'USER_DISABLED', `用户 ${body.username} 已被停用`);
    const actor = { userId: user.id, role: user.role as Role, jurisdiction: user.jurisdictionCode };
    return { accessToken: await signToken(this.config, actor), tokenType: 'Bearer', expiresIn: 8 * 3600, actor };
  }
}
