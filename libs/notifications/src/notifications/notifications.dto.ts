import { ApiProperty } from '@nestjs/swagger';

/** A notification as its recipient reads it. */
export class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Stable: decision.approved, certificate.issued, appeal.upheld, …' }) kind: string;
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ description: 'In the language of the request (Accept-Language)' }) title: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: Date }) readAt: Date | null;
}
