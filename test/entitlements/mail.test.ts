// E-mail of the offers, on SQLite and PostgreSQL: the import writes one outbox message per offer to a
// beneficiary with a contact e-mail, in its transaction; delivery after commit sends them to the SMTP server
// (an in-process sink here); a server that is down leaves the message pending with its error and the
// import as it was.
import { describe, expect, it } from 'vitest';
import { deliverOutbox } from '../../src/services/mail.ts';
import { dialects, useDeliveryApp } from '../delivery/support.ts';
import { smtpSink } from './smtp-sink.ts';
import { enterprises, importListed } from './support.ts';

const FROM = 'Zhida 直达 <zhida@example.com>';

const decodedBody = (data: string): string => Buffer.from(data.split('\r\n\r\n')[1]!.replace(/\r\n/g, ''), 'base64').toString('utf8');
/** The Subject header, its RFC 2047 encoded words (B or Q) decoded. */
const decodedSubject = (data: string): string => {
  const header = /^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(data)![1]!.replace(/\r\n[ \t]/g, ' ');
  return header.replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/gi, (_, kind: string, text: string) => (kind.toUpperCase() === 'B'
    ? Buffer.from(text, 'base64').toString('utf8')
    : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (__, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8')));
};

describe.each(dialects)('entitlement e-mail on $name', (dialect) => {
  const harness = useDeliveryApp(dialect);

  it('sends the offer to the contact e-mail after the import; a server down leaves it pending with the error', async () => {
    const h = harness();
    const reviewer = await h.signIn('reviewer', { department: '科技局' });
    const [withMail, without] = await enterprises(h, 3000, 2);
    await h.store.db.updateTable('beneficiaries').set({ contact_email: 'caiwu@example.com' }).where('credit_code', '=', withMail!.code).execute();

    const result = await importListed(h, reviewer, [withMail!, without!]);
    expect(result.offers?.offered).toBe(2);
    const outbox = await h.store.db.selectFrom('mail_outbox').selectAll().execute();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ recipient: 'caiwu@example.com', status: 'pending', attempts: 0 });
    expect(outbox[0]!.subject).toBe('【直达】免申即享：新认定国家高新技术企业奖励 300,000元待确认');

    // The mail server is down: nothing sent, the error kept, the import and its offers stand.
    const down = await deliverOutbox(h.store.db, { smtpUrl: 'smtp://127.0.0.1:1', from: FROM });
    expect(down).toEqual({ sent: 0, failed: 1 });
    const kept = await h.store.db.selectFrom('mail_outbox').selectAll().executeTakeFirstOrThrow();
    expect(kept).toMatchObject({ status: 'pending', attempts: 1 });
    expect(kept.last_error).toEqual(expect.any(String));
    expect(await h.store.db.selectFrom('entitlements').select('id').where('import_id', '=', result.id).execute()).toHaveLength(2);

    const sink = await smtpSink();
    try {
      expect(await deliverOutbox(h.store.db, { smtpUrl: sink.url, from: FROM })).toEqual({ sent: 1, failed: 0 });
      expect(sink.mails).toHaveLength(1);
      expect(sink.mails[0]).toMatchObject({ from: 'zhida@example.com', to: ['caiwu@example.com'], auth: '\u0000zhida\u0000secret' });
      expect(decodedSubject(sink.mails[0]!.data)).toBe('【直达】免申即享：新认定国家高新技术企业奖励 300,000元待确认');
      expect(decodedBody(sink.mails[0]!.data)).toContain(`${withMail!.name}：`);
      expect(decodedBody(sink.mails[0]!.data)).toContain('/me/entitlements/ENT-');
      expect(await h.store.db.selectFrom('mail_outbox').select(['status', 'attempts']).executeTakeFirstOrThrow()).toEqual({ status: 'sent', attempts: 2 });
      // Sent once: another delivery finds nothing pending.
      expect(await deliverOutbox(h.store.db, { smtpUrl: sink.url, from: FROM })).toEqual({ sent: 0, failed: 0 });
      expect(sink.mails).toHaveLength(1);
    } finally {
      await sink.close();
    }
  });
});
