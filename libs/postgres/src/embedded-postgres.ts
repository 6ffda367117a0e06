import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { PgliteSessionQueue } from './pglite-session-queue';

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
    // pglite-socket 0.2 builds its queue in the constructor and hands it to each connection; ours keeps a
    // connection's transaction or query batch whole (see PgliteSessionQueue).
    if (!('queryQueue' in server)) throw new Error('pglite-socket changed: no queryQueue to replace');
    Object.assign(server, { queryQueue: new PgliteSessionQueue(db) });
    await server.start();
    return new EmbeddedPostgres(db, server, `postgres://postgres@${server.getServerConn()}/postgres`);
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
  }
}
