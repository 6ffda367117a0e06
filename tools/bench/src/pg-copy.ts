import { once } from 'node:events';
import { Client, Connection, Submittable } from 'pg';

/** The parts of pg's wire connection a COPY FROM STDIN needs, beyond what @types/pg declares. */
type CopyConnection = Connection & {
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
};

/**
 * `COPY … FROM STDIN` through a plain `pg` client (what pg-copy-streams does, which this repository does not
 * depend on): a submittable query that answers the server's CopyInResponse with the source's chunks, waiting
 * for the socket to drain between them. Resolves with the number of rows copied.
 */
export function copyFromStdin(
  client: Client,
  statement: string,
  source: AsyncIterable<Buffer>,
): Promise<number> {
  return new Promise((resolve, reject) => {
    let rows = 0;
    let failed = false;
    const submittable: Submittable & Record<string, unknown> = {
      submit: (connection: Connection) => connection.query(statement),
      handleCopyInResponse: (connection: CopyConnection) => {
        void (async () => {
          try {
            for await (const chunk of source) {
              connection.sendCopyFromChunk(chunk);
              if (connection.stream.writableNeedDrain) await once(connection.stream, 'drain');
            }
            connection.endCopyFrom();
          } catch (error) {
            connection.sendCopyFail(`source failed: ${(error as Error).message}`);
          }
        })();
      },
      handleCommandComplete: (message: { text?: string }) => {
        rows = Number(/COPY (\d+)/.exec(message.text ?? '')?.[1] ?? 0);
      },
      handleReadyForQuery: () => {
        if (!failed) resolve(rows);
      },
      handleError: (error: Error) => {
        failed = true;
        reject(error);
      },
      // pg calls these for any query; a COPY FROM has nothing to say to them.
      handleRowDescription: () => undefined,
      handleDataRow: () => undefined,
      handleEmptyQuery: () => undefined,
      handlePortalSuspended: () => undefined,
      handleCopyData: () => undefined,
    };
    client.query(submittable);
  });
}
