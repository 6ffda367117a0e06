import { AddressInfo } from 'node:net';
import { simpleParser, ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** The envelope's recipients (RCPT TO), which is who the mail reaches whatever the headers say. */
  envelopeTo: string[];
  envelopeFrom: string | null;
  parsed: ParsedMail;
}

/**
 * A real SMTP server on loopback (smtp-server), keeping every message it accepts, parsed (mailparser).
 * `failNext(n)` refuses the next n messages with a 451, as a server in trouble does; `holdNext()` reads the next
 * message and never answers it (a server that stalls after DATA): the sender waits, and the message is not
 * delivered unless the sender sends it again.
 */
export class TestSmtpServer {
  readonly mails: ReceivedMail[] = [];
  /** Messages read and never answered (`holdNext`), parsed: not delivered. */
  readonly held: ReceivedMail[] = [];
  private refusals = 0;
  private holds = 0;

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  static async start(): Promise<TestSmtpServer> {
    // The handlers run only once the server is listening, after `started` is set.
    const started: { instance?: TestSmtpServer } = {};
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const self = started.instance!;
        if (self.holds > 0) {
          self.holds -= 1;
          void simpleParser(stream).then((parsed) =>
            self.held.push({
              envelopeTo: session.envelope.rcptTo.map(({ address }) => address),
              envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
              parsed,
            }),
          );
          return;
        }
        if (self.refusals > 0) {
          self.refusals -= 1;
          stream.resume();
          stream.on('end', () =>
            callback(Object.assign(new Error('try again later'), { responseCode: 451 })),
          );
          return;
        }
        simpleParser(stream)
          .then((parsed) => {
            self.mails.push({
              envelopeTo: session.envelope.rcptTo.map(({ address }) => address),
              envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
              parsed,
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.server.address() as AddressInfo).port;
    started.instance = new TestSmtpServer(server, port);
    return started.instance;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  failNext(count: number): void {
    this.refusals = count;
  }

  holdNext(count = 1): void {
    this.holds = count;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
