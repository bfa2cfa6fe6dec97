import { Controller, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Authenticated } from '@qualcert/identity';
import { AppConfig } from '@qualcert/shared';
import { DASHBOARD_COOKIE, DASHBOARD_PATH } from './queue-dashboard';

@ApiTags('operations')
@Controller('admin')
export class QueueDashboardController {
  constructor(private readonly config: AppConfig) {}

  /**
   * Browsers do not send bearer tokens when following a link: this puts the admin's access token
   * in a cookie scoped to the dashboard's path (HttpOnly, SameSite=Strict), for as long as the
   * token lives. Then open /admin/queues.
   */
  @Post('dashboard-session')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Authenticated({ roles: ['admin'], summary: 'Open the queue dashboard (/admin/queues) in this browser', status: 204 })
  open(@Req() req: FastifyRequest, @Res({ passthrough: true }) res: FastifyReply): void {
    const token = (req.headers.authorization ?? '').slice('Bearer '.length);
    const seconds = this.config.ACCESS_TOKEN_TTL_SECONDS;
    res.setCookie(DASHBOARD_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.PUBLIC_BASE_URL.startsWith('https://'),
      path: DASHBOARD_PATH,
      maxAge: seconds,
      expires: new Date(Date.now() + seconds * 1000),
    });
  }
}
