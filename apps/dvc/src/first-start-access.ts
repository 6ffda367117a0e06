import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ApiTokensService, Role, UsersService } from '@dvc/access';
import { AppConfig } from '@dvc/config';
import { syntheticProvince } from '@dvc/synthetic-province';

/** The synthetic province's district (its 18 communes under it): the demo department's scope. */
export const DEMO_DEPARTMENT_AGENCY = '000.00.30.H12';
const FEED_OWNER = 'synthetic feed';
const FEED_READER_OWNER = 'synthetic feed (reads its indicator)';
const DEMO_ROLES: Role[] = ['admin', 'analyst', 'operator', 'department', 'source'];

export interface FeedCredentials {
  /** A source token for POST /v1/events. */
  sourceToken: string;
  /** An analyst token for the indicator the feed logs. */
  readerToken: string;
}

/**
 * `npm start` stays one command: on a first start (no user yet) it makes the admin account, with
 * DVC_ADMIN_PASSWORD or a random password, and a demo token per role, and prints them once (only their
 * hashes are kept). On every start the synthetic feed gets fresh tokens of its own; its older ones are revoked.
 */
@Injectable()
export class FirstStartAccess {
  constructor(
    private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly tokens: ApiTokensService,
  ) {}

  /** Lines to print once; empty when the province already has users. */
  async provisionIfFirstStart(): Promise<string[]> {
    if ((await this.users.count()) > 0) return [];
    const password = this.config.DVC_ADMIN_PASSWORD ?? randomBytes(15).toString('base64url');
    await this.users.create({ username: 'admin', password, role: 'admin' });
    const source = syntheticProvince(this.config.GENERATOR_SEED).source;
    const lines = [
      'First start: sign in at POST /v1/auth/login as admin with password ' +
        (this.config.DVC_ADMIN_PASSWORD ? '(DVC_ADMIN_PASSWORD)' : password) +
        ' — shown this once.',
      'Demo API tokens (Authorization: Bearer <token>), shown this once; revoke with npm run cli -- tokens revoke <prefix>:',
    ];
    for (const role of DEMO_ROLES) {
      const { token } = await this.tokens.issue({
        owner: `demo ${role}`,
        scope: {
          role,
          agencyCode: role === 'department' ? DEMO_DEPARTMENT_AGENCY : null,
          sourceId: role === 'source' ? source : null,
        },
        createdBy: 'first start',
      });
      const scope =
        role === 'department'
          ? ` (${DEMO_DEPARTMENT_AGENCY} and its units)`
          : role === 'source'
            ? ` (source ${source})`
            : '';
      lines.push(`  ${role.padEnd(10)} ${token}${scope}`);
    }
    return lines;
  }

  async feedCredentials(): Promise<FeedCredentials> {
    await this.tokens.revokeOwnedBy(FEED_OWNER);
    await this.tokens.revokeOwnedBy(FEED_READER_OWNER);
    const source = syntheticProvince(this.config.GENERATOR_SEED).source;
    const [sending, reading] = await Promise.all([
      this.tokens.issue({
        owner: FEED_OWNER,
        scope: { role: 'source', sourceId: source },
        createdBy: 'npm start',
      }),
      this.tokens.issue({ owner: FEED_READER_OWNER, scope: { role: 'analyst' }, createdBy: 'npm start' }),
    ]);
    return { sourceToken: sending.token, readerToken: reading.token };
  }
}
