import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../prisma/prisma-client';

/** One text message: the notification it carries, to whom (a user id, or ROLE@division), its Chinese text. */
export interface SmsMessage {
  notificationId: string;
  recipient: string;
  text: string;
}

/**
 * Where notifications leave the system as text messages (短信). Sending must be idempotent by
 * notificationId: a retried activity hands the same message over again.
 */
export interface SmsGateway {
  send(message: SmsMessage): Promise<void>;
}

/**
 * The embedded gateway: records each message in `sms_message` instead of sending it, so the
 * console and the tests can show what would have gone out. A real carrier's gateway
 * implements the same interface.
 */
export class EmbeddedSmsGateway implements SmsGateway {
  constructor(private readonly prisma: PrismaClient) {}

  async send(message: SmsMessage): Promise<void> {
    await this.prisma.smsMessage.createMany({
      data: [{ id: randomUUID(), ...message }],
      skipDuplicates: true,
    });
  }
}
