import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { AppConfig } from '@qualcert/shared';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  /** The same for every attempt at one notification, so a mail client can tell a repeat. */
  messageId: string;
}

/** The SMTP connection notification e-mails go out through (AppConfig.SMTP_URL). */
@Injectable()
export class Mailer implements OnModuleDestroy {
  private transport?: Transporter;

  constructor(private readonly config: AppConfig) {}

  get enabled(): boolean {
    return this.config.SMTP_URL !== '';
  }

  /** Resolves once the SMTP server has accepted the message; rejects otherwise (the job retries). */
  async send(email: OutgoingEmail): Promise<void> {
    if (!this.enabled) throw new Error('SMTP_URL is not set: e-mail is off');
    this.transport ??= createTransport(
      {
        url: this.config.SMTP_URL,
        // A server that hangs fails the attempt, and the job's retries take over.
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      },
      { from: this.config.MAIL_FROM },
    );
    // Base64 keeps the Kazakh and Russian text intact through any relay.
    await this.transport.sendMail({
      ...email,
      textEncoding: 'base64',
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
