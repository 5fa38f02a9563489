import { Controller, Delete, HttpCode, Inject, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Role, type Actor } from '../core/contracts/roles';
import { CurrentActor, Roles } from './decorators';
import { SessionActivity } from './session-activity';

/** Signing out (等级保护 level 3, session end): the token in hand is refused from now on. */
@ApiTags('sessions')
@ApiBearerAuth()
@Controller('sessions')
export class SessionController {
  constructor(@Inject(SessionActivity) private readonly sessions: SessionActivity) {}

  /** Every role, the separated administrators too: anyone signed in may sign out. */
  @Delete('current')
  @HttpCode(204)
  @Roles(...Role.options)
  @ApiResponse({ status: 204, description: '已退出登录' })
  async signOut(@CurrentActor() actor: Actor, @Req() req: { headers: { authorization?: string } }) {
    const token = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '')![1]!;
    await this.sessions.end(token, actor.userId);
  }
}
