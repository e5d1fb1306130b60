// An in-process SMTP server that accepts every message and keeps it (the test's mail server): enough of
// RFC 5321 for nodemailer without TLS — EHLO, AUTH PLAIN, MAIL, RCPT, DATA, QUIT.
import { createServer, type AddressInfo, type Server } from 'node:net';

export interface SunkMail { from: string; to: string[]; data: string; auth: string | null }

export async function smtpSink(): Promise<{ url: string; mails: SunkMail[]; close(): Promise<void> }> {
  const mails: SunkMail[] = [];
  const server: Server = createServer((socket) => {
    let buffer = '';
    let inData = false;
    let current: SunkMail = { from: '', to: [], data: '', auth: null };
    const say = (line: string) => socket.write(`${line}\r\n`);
    say('220 sink ESMTP');
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            mails.push(current);
            current = { from: '', to: [], data: '', auth: current.auth };
            say('250 queued');
          } else current.data += `${line}\r\n`;
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') { say('250-sink'); say('250 AUTH PLAIN'); }
        else if (verb === 'AUTH') { current.auth = Buffer.from(line.split(' ')[2] ?? '', 'base64').toString('utf8'); say('235 ok'); }
        else if (verb === 'MAIL') { current.from = line.slice(10).replace(/[<>]/g, ''); say('250 ok'); }
        else if (verb === 'RCPT') { current.to.push(line.slice(8).replace(/[<>]/g, '')); say('250 ok'); }
        else if (verb === 'DATA') { inData = true; say('354 go on'); }
        else if (verb === 'QUIT') { say('221 bye'); socket.end(); }
        else say('502 not here');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `smtp://zhida:secret@127.0.0.1:${port}`, mails, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
