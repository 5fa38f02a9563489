import { z } from 'zod';

/** `GET /api/v1/notifications`: the caller's, unread first; numbers arrive as query strings. */
export const NotificationQuery = z.strictObject({
  /** Only the unread ones. */
  unread: z.enum(['true', 'false'], { error: '须为 true 或 false' }).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type NotificationQuery = z.infer<typeof NotificationQuery>;
