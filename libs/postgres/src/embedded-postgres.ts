import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { PgliteSessionQueue } from './pglite-session-queue';

/**
 * PGlite's shared buffers. PostgreSQL's default (128 MB) lives in PGlite's WebAssembly memory and is touched
 * whole at start-up, so it was ~130 MB of the process's RSS (issue 20 item 3) to cache a database of a few tens of
 * megabytes (catalogue, accounts, audit log, alerts; the events are in ClickHouse). Pages past it are read
 * through the operating system's page cache, as on a server with small shared_buffers.
 */
export const EMBEDDED_SHARED_BUFFERS = '16MB';

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
    const db = await PGlite.create(dataDir, {
      startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${EMBEDDED_SHARED_BUFFERS}`],
    });
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
