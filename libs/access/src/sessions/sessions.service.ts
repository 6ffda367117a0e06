import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@dvc/config';
import type { Principal } from '../principal';
import { newSessionSecret, secretHash } from '../tokens/token-secret';
import type { User } from '../users/user.schema';

export const SESSION_COOKIE = 'dvc_session';

/** Browser sessions: a random id in an httpOnly cookie, kept in PostgreSQL as its hash, with an end. */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  get ttlMs(): number {
    return this.config.SESSION_TTL_HOURS * 3_600_000;
  }

  async open(user: User): Promise<string> {
    const secret = newSessionSecret();
    await this.dataSource.query(
      'INSERT INTO access.sessions (id_hash, user_id, expires_at) VALUES ($1, $2, $3)',
      [secretHash(secret), user.id, new Date(Date.now() + this.ttlMs)],
    );
    return secret;
  }

  async close(secret: string): Promise<void> {
    await this.dataSource.query('DELETE FROM access.sessions WHERE id_hash = $1', [secretHash(secret)]);
  }

  /** The session's user as a principal; null when unknown, ended, expired, or the user is disabled. */
  async principal(secret: string): Promise<Principal | null> {
    const [row] = (await this.dataSource.query(
      `SELECT u.id, u.username, u.role, u.agency_code, u.source_id
         FROM access.sessions s JOIN access.users u ON u.id = s.user_id
        WHERE s.id_hash = $1 AND s.expires_at > now() AND u.disabled_at IS NULL`,
      [secretHash(secret)],
    )) as {
      id: string;
      username: string;
      role: Principal['role'];
      agency_code: string | null;
      source_id: string | null;
    }[];
    if (!row) return null;
    return {
      via: 'session',
      id: row.id,
      name: row.username,
      role: row.role,
      agencyCode: row.agency_code,
      sourceId: row.source_id,
    };
  }
}
