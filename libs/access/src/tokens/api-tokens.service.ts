import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditTrail } from '@dvc/audit';
import { DomainError } from '@dvc/domain-errors';
import { Principal, RoleScope, roleScopeSchema } from '../principal';
import { ApiToken } from './api-token.schema';
import { matchesHash, newTokenSecret, secretHash, tokenPrefix } from './token-secret';

const DAY = 86_400_000;
/** last_used_at is written at most this often per token, not on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface TokenRow {
  id: string;
  prefix: string;
  secret_hash: string;
  owner: string;
  role: ApiToken['role'];
  agency_code: string | null;
  source_id: string | null;
  created_by: string;
  created_at: Date;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);
const toApiToken = (row: TokenRow): ApiToken => ({
  id: row.id,
  prefix: row.prefix,
  owner: row.owner,
  role: row.role,
  agencyCode: row.agency_code,
  sourceId: row.source_id,
  createdBy: row.created_by,
  createdAt: new Date(row.created_at).toISOString(),
  expiresAt: iso(row.expires_at),
  lastUsedAt: iso(row.last_used_at),
  revokedAt: iso(row.revoked_at),
});

export type TokenCheck = { principal: Principal } | { refused: 'unknown' | 'expired' | 'revoked' };

/** API tokens in PostgreSQL: issued once (the secret is shown then and never again), listed, revoked. */
@Injectable()
export class ApiTokensService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  async issue(input: {
    owner: string;
    scope: RoleScope | { role: RoleScope['role']; agencyCode?: string | null; sourceId?: string | null };
    expiresInDays?: number | null;
    createdBy: string;
  }): Promise<{ token: string; record: ApiToken }> {
    const parsed = roleScopeSchema.safeParse(input.scope);
    if (!parsed.success)
      throw new DomainError(
        'invalid',
        'invalid token scope',
        parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
      );
    const scope = parsed.data;
    const { token, prefix } = newTokenSecret();
    const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * DAY) : null;
    const [row] = (await this.audit.transaction((manager) =>
      manager.query(
        `INSERT INTO access.api_tokens (prefix, secret_hash, owner, role, agency_code, source_id, created_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
        [
          prefix,
          secretHash(token),
          input.owner,
          scope.role,
          scope.agencyCode,
          scope.sourceId,
          input.createdBy,
          expiresAt,
        ],
      ),
    )) as TokenRow[];
    return { token, record: toApiToken(row) };
  }

  async list(): Promise<ApiToken[]> {
    const rows = (await this.dataSource.query(
      'SELECT * FROM access.api_tokens ORDER BY created_at, prefix',
    )) as TokenRow[];
    return rows.map(toApiToken);
  }

  /** Revokes by id or by prefix; revoking again keeps the first revocation time. */
  async revoke(idOrPrefix: string): Promise<ApiToken> {
    const column = UUID.test(idOrPrefix) ? 'id' : 'prefix';
    const [rows] = (await this.audit.transaction((manager) =>
      manager.query(
        `UPDATE access.api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE ${column} = $1 RETURNING *`,
        [idOrPrefix],
      ),
    )) as [TokenRow[], number];
    if (!rows?.length) throw new DomainError('not_found', `no API token ${idOrPrefix}`);
    return toApiToken(rows[0]);
  }

  /** Revokes every live token of an owner (e.g. the demo feed's token of a previous start). */
  async revokeOwnedBy(owner: string): Promise<void> {
    await this.audit.transaction((manager) =>
      manager.query(
        'UPDATE access.api_tokens SET revoked_at = now() WHERE owner = $1 AND revoked_at IS NULL',
        [owner],
      ),
    );
  }

  async check(token: string): Promise<TokenCheck> {
    const prefix = tokenPrefix(token);
    if (!prefix) return { refused: 'unknown' };
    const [row] = (await this.dataSource.query('SELECT * FROM access.api_tokens WHERE prefix = $1', [
      prefix,
    ])) as TokenRow[];
    if (!row || !matchesHash(token, row.secret_hash)) return { refused: 'unknown' };
    if (row.revoked_at) return { refused: 'revoked' };
    const now = Date.now();
    if (row.expires_at && new Date(row.expires_at).getTime() <= now) return { refused: 'expired' };
    if (!row.last_used_at || now - new Date(row.last_used_at).getTime() > LAST_USED_RESOLUTION_MS) {
      await this.dataSource.query('UPDATE access.api_tokens SET last_used_at = now() WHERE id = $1', [
        row.id,
      ]);
    }
    return {
      principal: {
        via: 'token',
        id: row.id,
        name: row.owner,
        role: row.role,
        agencyCode: row.agency_code,
        sourceId: row.source_id,
      },
    };
  }
}
