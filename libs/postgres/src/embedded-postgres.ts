import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * PGlite served over the PostgreSQL wire protocol on loopback, so TypeORM and `pg` reach it exactly as they
 * reach a server. PGlite runs one backend for every connection: an open transaction holds the others back.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    /** postgres://… URL of the running server. */
    readonly url: string,
  ) {}

  /** `dataDir` is a folder, or `memory://` for a throwaway database. */
  static async start(dataDir: string): Promise<EmbeddedPostgres> {
    const db = await PGlite.create(dataDir);
    // The socket server queues every connection's queries onto the one backend; its default of a single
    // connection would make a pool's second connection fail.
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 64 });
    await server.start();
    return new EmbeddedPostgres(db, server, `postgres://postgres@${server.getServerConn()}/postgres`);
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
  }
}
