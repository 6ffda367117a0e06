import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditTrail } from '@dvc/audit';
import { AppConfig } from '@dvc/config';
import type { Principal } from '../principal';
import { newSessionSecret, secretHash } from '../tokens/token-secret';
import type { User } from '../users/user.schema';
import { UsersService } from '../users/users.service';

export const SESSION_COOKIE = 'dvc_session';

/** A local account as the caller of its session's requests. */
export const sessionPrincipal = (user: Pick<User, 'id' | 'username' | 'role' | 'agencyCode' | 'sourceId'>) =>
  ({
    via: 'session',
    id: user.id,
    name: user.username,
    role: user.role,
    agencyCode: user.agencyCode,
    sourceId: user.sourceId,
  }) satisfies Principal;

/**
 * Browser sessions: a random id in an httpOnly cookie, kept in PostgreSQL as its hash, with an end. Sign-ins,
 * failed ones and sign-outs go to the audit log.
 */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly audit: AuditTrail,
  ) {}

  get ttlMs(): number {
    return this.config.SESSION_TTL_HOURS * 3_600_000;
  }

  /** The account's session secret (for the cookie) when the password is right; null, and logged, when not. */
  async signIn(username: string, password: string): Promise<{ user: User; secret: string } | null> {
    const user = await this.users.verify(username, password);
    if (!user) {
      await this.audit.recordNow({ action: 'login_failed', entity: 'auth', entityId: username, actor: null });
      return null;
    }
    return { user, secret: await this.open(user) };
  }

  async open(user: User): Promise<string> {
    const secret = newSessionSecret();
    await this.audit.transaction(async (manager) => {
      await manager.query('INSERT INTO access.sessions (id_hash, user_id, expires_at) VALUES ($1, $2, $3)', [
        secretHash(secret),
        user.id,
        new Date(Date.now() + this.ttlMs),
      ]);
      await this.audit.record(manager, {
        action: 'login',
        entity: 'auth',
        entityId: user.username,
        actor: sessionPrincipal(user),
      });
    });
    return secret;
  }

  async close(secret: string): Promise<void> {
    await this.audit.transaction(async (manager) => {
      const principal = await this.principal(secret, manager);
      await manager.query('DELETE FROM access.sessions WHERE id_hash = $1', [secretHash(secret)]);
      if (principal)
        await this.audit.record(manager, {
          action: 'logout',
          entity: 'auth',
          entityId: principal.name,
          actor: principal,
        });
    });
  }

  /** The session's user as a principal; null when unknown, ended, expired, or the user is disabled. */
  async principal(
    secret: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Principal | null> {
    const [row] = (await manager.query(
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
    return sessionPrincipal({
      id: row.id,
      username: row.username,
      role: row.role,
      agencyCode: row.agency_code,
      sourceId: row.source_id,
    });
  }
}
