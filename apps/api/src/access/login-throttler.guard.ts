import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/**
 * Sign-in attempts counted per client address and username (LOGIN_RATE_LIMIT in LOGIN_RATE_WINDOW_SECONDS):
 * guessing one account's password is slowed down, while colleagues behind one office address do not lock each
 * other out.
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override getTracker(request: Record<string, unknown>): Promise<string> {
    const body = request.body as { username?: unknown } | undefined;
    const username = typeof body?.username === 'string' ? body.username.trim().toLowerCase() : '';
    return Promise.resolve(`${String(request.ip)}\0${username}`);
  }
}
