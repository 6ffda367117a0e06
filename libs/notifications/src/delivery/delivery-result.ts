import { z } from 'zod';

export const NOTIFICATION_CHANNELS = ['email', 'webhook'] as const;
export const notificationChannelSchema = z.enum(NOTIFICATION_CHANNELS);
export type NotificationChannel = z.infer<typeof notificationChannelSchema>;

/**
 * What became of one message on one channel. `failed` means given up (after every attempt, or at once for a
 * refusal that no retry fixes); `skipped` means the channel is not configured (no SMTP server set).
 */
export const deliveryResultSchema = z.object({
  channel: notificationChannelSchema,
  /** The recipients' addresses, or the webhook URL. */
  destination: z.string(),
  outcome: z.enum(['delivered', 'failed', 'skipped']),
  attempts: z.number().int().min(0),
  /** The last HTTP status (webhooks) or SMTP response. */
  response: z.string().nullable(),
  error: z.string().nullable(),
  /** The SMTP message id, when delivered by email. */
  messageId: z.string().nullable(),
});
export type DeliveryResult = z.infer<typeof deliveryResultSchema>;
