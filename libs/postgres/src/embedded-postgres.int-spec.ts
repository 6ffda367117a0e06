import { Client, Pool } from 'pg';
import { EMBEDDED_SHARED_BUFFERS, EmbeddedPostgres } from './embedded-postgres';

// The embedded server multiplexes every connection onto PGlite's one backend. These check that what a client
// sees is what it would see from its own session on a server.
describe('EmbeddedPostgres', () => {
  let postgres: EmbeddedPostgres;
  beforeEach(async () => {
    postgres = await EmbeddedPostgres.start('memory://');
  });
  afterEach(() => postgres.stop());

  it("runs with small shared buffers (the default 128 MB would be resident memory) and PGlite's own settings", async () => {
    const client = new Client({ connectionString: postgres.url });
    await client.connect();
    const setting = async (name: string) =>
      (await client.query<{ setting: string }>('SELECT current_setting($1) AS setting', [name])).rows[0]
        .setting;
    expect(await setting('shared_buffers')).toBe(EMBEDDED_SHARED_BUFFERS);
    expect(await setting('search_path')).toBe('public');
    expect(await setting('max_worker_processes')).toBe('0');
    await client.end();
  });

  it('keeps concurrent parameterised queries apart (extended protocol batches do not interleave)', async () => {
    const pool = new Pool({ connectionString: postgres.url, max: 8 });
    const values = Array.from({ length: 300 }, (_, index) => index);
    const answers = await Promise.allSettled(
      values.map((value) => pool.query('SELECT $1::int AS value, $2::text AS label', [value, `v${value}`])),
    );
    await pool.end();

    const failures = answers.flatMap((answer) =>
      answer.status === 'rejected' ? [String(answer.reason)] : [],
    );
    expect(failures).toEqual([]);
    expect(
      answers.map((answer) => (answer.status === 'fulfilled' ? answer.value.rows[0] : undefined)),
    ).toEqual(values.map((value) => ({ value, label: `v${value}` })));
  });

  it('shows a write committed on one connection to the next read on another, while others read and write', async () => {
    const pool = new Pool({ connectionString: postgres.url, max: 8 });
    await pool.query('CREATE TABLE rows (id int PRIMARY KEY)');
    const reader = async (stop: () => boolean) => {
      while (!stop()) {
        const client = await pool.connect();
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
        await client.query('SELECT count(*) FROM rows WHERE id > $1', [-1]);
        await client.query('COMMIT');
        client.release();
      }
    };
    let done = false;
    const background = [reader(() => done), reader(() => done)];
    const stale: number[] = [];
    for (let id = 0; id < 100; id++) {
      await pool.query('INSERT INTO rows (id) VALUES ($1)', [id]);
      const { rows } = await pool.query('SELECT count(*)::int AS count FROM rows WHERE id <= $1', [id]);
      if (rows[0].count !== id + 1) stale.push(id);
    }
    done = true;
    await Promise.all(background);
    await pool.end();
    expect(stale).toEqual([]);
  });

  it('rolls back the transaction of a connection that goes away, and serves the others on', async () => {
    const leaving = new Client({ connectionString: postgres.url });
    const staying = new Client({ connectionString: postgres.url });
    await Promise.all([leaving.connect(), staying.connect()]);
    await leaving.query('CREATE TABLE notes (text text)');
    await leaving.query('BEGIN');
    await leaving.query('INSERT INTO notes VALUES ($1)', ['never committed']);
    const read = staying.query('SELECT count(*)::int AS count FROM notes');
    await leaving.end();

    expect((await read).rows).toEqual([{ count: 0 }]);
    await staying.end();
  });
});
