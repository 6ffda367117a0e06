import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError } from 'typeorm';
import { AuditTrail } from '@dvc/audit';
import { DomainError } from '@dvc/domain-errors';
import { roleScopeSchema } from '../principal';
import { hashPassword, spendPasswordCheck, verifyPassword } from './password-hash';
import { User, UserInput } from './user.schema';

interface UserRow {
  id: string;
  username: string;
  password_hash: string;
  role: User['role'];
  agency_code: string | null;
  source_id: string | null;
  created_at: Date;
  disabled_at: Date | null;
}

const toUser = (row: UserRow): User => ({
  id: row.id,
  username: row.username,
  role: row.role,
  agencyCode: row.agency_code,
  sourceId: row.source_id,
  createdAt: new Date(row.created_at).toISOString(),
  disabledAt: row.disabled_at ? new Date(row.disabled_at).toISOString() : null,
});

/** Local accounts for provinces without an identity provider; passwords kept as argon2id hashes. */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  async create(input: UserInput): Promise<User> {
    const parsed = roleScopeSchema.safeParse(input);
    if (!parsed.success)
      throw new DomainError(
        'invalid',
        'invalid user scope',
        parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
      );
    const scope = parsed.data;
    const passwordHash = await hashPassword(input.password);
    try {
      const [row] = (await this.audit.transaction((manager) =>
        manager.query(
          `INSERT INTO access.users (username, password_hash, role, agency_code, source_id)
           VALUES ($1, $2, $3, $4, $5) RETURNING *`,
          [input.username, passwordHash, scope.role, scope.agencyCode, scope.sourceId],
        ),
      )) as UserRow[];
      return toUser(row);
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505')
        throw new DomainError('conflict', `a user ${input.username} exists`);
      throw error;
    }
  }

  async list(): Promise<User[]> {
    const rows = (await this.dataSource.query('SELECT * FROM access.users ORDER BY username')) as UserRow[];
    return rows.map(toUser);
  }

  async count(): Promise<number> {
    const [row] = await this.dataSource.query('SELECT count(*)::int AS n FROM access.users');
    return Number(row.n);
  }

  async get(id: string): Promise<User | null> {
    const [row] = (await this.dataSource.query('SELECT * FROM access.users WHERE id = $1', [
      id,
    ])) as UserRow[];
    return row ? toUser(row) : null;
  }

  /** Disables the account and ends its sessions; its history (audit) keeps the name. */
  async disable(username: string): Promise<User> {
    return this.audit.transaction(async (manager) => {
      const [rows] = (await manager.query(
        'UPDATE access.users SET disabled_at = coalesce(disabled_at, now()) WHERE username = $1 RETURNING *',
        [username],
      )) as [UserRow[], number];
      if (!rows?.length) throw new DomainError('not_found', `no user ${username}`);
      await manager.query('DELETE FROM access.sessions WHERE user_id = $1', [rows[0].id]);
      return toUser(rows[0]);
    });
  }

  /** The active user with this name and password, or null (as slowly for an unknown name as for a known one). */
  async verify(username: string, password: string): Promise<User | null> {
    const [row] = (await this.dataSource.query(
      'SELECT * FROM access.users WHERE username = $1 AND disabled_at IS NULL',
      [username],
    )) as UserRow[];
    if (!row) return spendPasswordCheck(password).then(() => null);
    return (await verifyPassword(row.password_hash, password)) ? toUser(row) : null;
  }
}
