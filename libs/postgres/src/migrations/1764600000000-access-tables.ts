import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who may call the API: local users (argon2id password hashes), their browser sessions and API tokens. Secrets
 * are never stored: a session id and a token are kept as their SHA-256 (both are 256-bit random values, so a
 * fast hash is enough; passwords, chosen by people, get argon2id).
 */
export class AccessTables1764600000000 implements MigrationInterface {
  name = 'AccessTables1764600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE SCHEMA IF NOT EXISTS access;

      CREATE TABLE access.users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL UNIQUE,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'analyst', 'operator', 'department', 'source')),
        agency_code text,
        source_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        disabled_at timestamptz,
        CHECK (role <> 'department' OR agency_code IS NOT NULL),
        CHECK (role IN ('department', 'source') OR agency_code IS NULL),
        CHECK (role = 'source' OR source_id IS NULL),
        CHECK (role <> 'source' OR source_id IS NOT NULL)
      );

      CREATE TABLE access.sessions (
        id_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES access.users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX sessions_user_id ON access.sessions (user_id);

      CREATE TABLE access.api_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        prefix text NOT NULL UNIQUE,
        secret_hash text NOT NULL,
        owner text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'analyst', 'operator', 'department', 'source')),
        agency_code text,
        source_id text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        last_used_at timestamptz,
        revoked_at timestamptz,
        CHECK (role <> 'department' OR agency_code IS NOT NULL),
        CHECK (role IN ('department', 'source') OR agency_code IS NULL),
        CHECK (role = 'source' OR source_id IS NULL),
        CHECK (role <> 'source' OR source_id IS NOT NULL)
      );
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP SCHEMA IF EXISTS access CASCADE');
  }
}
