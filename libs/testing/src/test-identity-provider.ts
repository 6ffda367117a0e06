import { randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, GenerateKeyPairResult, JWK, JWTPayload, SignJWT } from 'jose';

type SigningKey = { kid: string; privateKey: GenerateKeyPairResult['privateKey']; publicJwk: JWK };

async function newSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID();
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

export interface SignOptions {
  /** Seconds from now (negative: already expired; null: no exp claim); default 300. */
  expiresIn?: number | null;
  audience?: string;
  /** `forged`: signed by a key the provider never published, under the current key's kid. */
  key?: 'current' | 'forged';
}

/**
 * A real OpenID provider's key side on loopback, as Keycloak serves it: the discovery document and the JWKS
 * (keys made with jose), and tokens signed with them. `rotate()` publishes a new key (new kid) and signs with it.
 */
export class TestIdentityProvider {
  /** How often the JWKS was fetched. */
  jwksRequests = 0;
  private published: SigningKey[];

  private constructor(
    private readonly server: Server,
    readonly issuer: string,
    readonly audience: string,
    private current: SigningKey,
  ) {
    this.published = [current];
  }

  static async start(
    options: { audience?: string; realm?: string; port?: number } = {},
  ): Promise<TestIdentityProvider> {
    const realm = options.realm ?? 'dvc';
    const started: { instance?: TestIdentityProvider } = {};
    const server = createServer((request, response) => {
      const self = started.instance!;
      const send = (body: unknown) =>
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (request.url === `/realms/${realm}/.well-known/openid-configuration`)
        return send({ issuer: self.issuer, jwks_uri: self.jwksUrl });
      if (request.url === `/realms/${realm}/protocol/openid-connect/certs`) {
        self.jwksRequests += 1;
        return send({ keys: self.published.map((key) => key.publicJwk) });
      }
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
    const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/realms/${realm}`;
    started.instance = new TestIdentityProvider(
      server,
      issuer,
      options.audience ?? 'dvc-api',
      await newSigningKey(),
    );
    return started.instance;
  }

  get jwksUrl(): string {
    return `${this.issuer}/protocol/openid-connect/certs`;
  }

  /** The environment that points the API at this provider (the mapping Keycloak groups would give). */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      OIDC_ISSUER: this.issuer,
      OIDC_AUDIENCE: this.audience,
      OIDC_ROLE_MAP:
        '/dvc/admins=admin,/dvc/analysts=analyst,/dvc/operators=operator,/dvc/departments=department',
      ...extra,
    };
  }

  /** Publishes a new key and signs with it from now on; `keepOld` keeps the old one published too. */
  async rotate(options: { keepOld?: boolean } = {}): Promise<void> {
    this.current = await newSigningKey();
    this.published = options.keepOld ? [...this.published, this.current] : [this.current];
  }

  async sign(claims: JWTPayload, options: SignOptions = {}): Promise<string> {
    const key =
      options.key === 'forged' ? { ...(await newSigningKey()), kid: this.current.kid } : this.current;
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT({ sub: randomUUID(), ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
      .setIssuer(this.issuer)
      .setAudience(options.audience ?? this.audience)
      .setIssuedAt(now - 5);
    if (options.expiresIn !== null) jwt.setExpirationTime(now + (options.expiresIn ?? 300));
    return jwt.sign(key.privateKey);
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
