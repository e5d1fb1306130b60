// E-mail from the outbox (mail_outbox): the import writes the messages in its transaction; they are sent
// after commit, here, so a mail server that is down never undoes an import. Each message is tried until it
// is sent or has failed MAX_ATTEMPTS times; the status and the last error stay on the row.
// Sending is nodemailer's: SMTP with STARTTLS, SMTPS, AUTH and MIME encoding of Chinese text are its
// well-tested trade, not ours.
import { createTransport } from 'nodemailer';
import type { Db } from '../store/database.ts';

export interface MailConfig {
  /** smtp://[user:password@]host[:port] (STARTTLS when the server offers it) or smtps://… (ZHIDA_SMTP_URL). */
  smtpUrl: string;
  /** The sender (ZHIDA_MAIL_FROM). */
  from: string;
}

export const MAX_ATTEMPTS = 5;

/** Sends the pending messages, oldest first; returns how many were sent and how many failed this time. */
export async function deliverOutbox(db: Db, mail: MailConfig, limit = 100): Promise<{ sent: number; failed: number }> {
  const pending = await db.selectFrom('mail_outbox').selectAll().where('status', '=', 'pending').orderBy('id').limit(limit).execute();
  let sent = 0;
  let failed = 0;
  if (pending.length === 0) return { sent, failed };
  const transport = createTransport(mail.smtpUrl);
  for (const row of pending) {
    try {
      await transport.sendMail({ from: mail.from, to: row.recipient, subject: row.subject, text: row.body, textEncoding: 'base64' });
      await db.updateTable('mail_outbox').set({ status: 'sent', sent_at: new Date().toISOString(), attempts: Number(row.attempts) + 1, last_error: null }).where('id', '=', row.id).execute();
      sent += 1;
    } catch (error) {
      const attempts = Number(row.attempts) + 1;
      await db.updateTable('mail_outbox').set({ attempts, last_error: (error as Error).message.slice(0, 500), status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending' })
        .where('id', '=', row.id).execute();
      failed += 1;
    }
  }
  transport.close();
  return { sent, failed };
}

/** One delivery at a time per process: a flush asked for while one runs waits for it, then runs once more. */
export function outboxFlusher(db: Db, mail: MailConfig, onError: (error: Error) => void = () => undefined): () => Promise<void> {
  let running: Promise<void> | undefined;
  let again = false;
  const run = async (): Promise<void> => {
    do {
      again = false;
      await deliverOutbox(db, mail).then(() => undefined, onError);
    } while (again);
  };
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = run().finally(() => { running = undefined; });
    return running;
  };
}
