import { Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Actor, Authenticated, CurrentActor } from '@qualcert/identity';
import { UuidParamPipe } from '@qualcert/shared';
import { NotificationDto } from './notifications.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@Controller('me/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Authenticated({ summary: 'My latest notifications, newest first', type: [NotificationDto] })
  mine(@CurrentActor() actor: Actor): Promise<NotificationDto[]> {
    return this.notifications.mine(actor);
  }

  @Post(':id/read')
  @HttpCode(HttpStatus.OK)
  @Authenticated({ summary: 'Mark a notification read', type: NotificationDto, notFound: true })
  read(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<NotificationDto> {
    return this.notifications.markRead(actor, id);
  }
}
