// A small SMTP client (RFC 5321) for the notices Zhida e-mails: plain SMTP or SMTP over TLS (smtps://), AUTH
// PLAIN when the URL carries credentials, one message per connection. Written here rather than taken from a
// library because this is all Zhida sends: short UTF-8 text mails to one recipient. No STARTTLS: use smtps://
// (port 465) for a server that needs encryption.
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

export interface SmtpMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
}

const encodedWord = (text: string): string => `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
const base64Lines = (text: string): string => (Buffer.from(text, 'utf8').toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');

/** The message as sent after DATA: headers, then the body in base64 (no line starts with a dot). */
export function formatMessage(message: SmtpMessage, date = new Date()): string {
  return [
    `From: ${message.from}`, `To: ${message.to}`, `Subject: ${encodedWord(message.subject)}`, `Date: ${date.toUTCString()}`,
    'MIME-Version: 1.0', 'Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: base64', '', base64Lines(message.text),
  ].join('\r\n');
}

/** Reads the server's replies: each call resolves with the code and text of the next complete (possibly multi-line) reply. */
function replies(socket: Socket): () => Promise<{ code: number; text: string }> {
  let buffer = '';
  let lines: string[] = [];
  let failure: Error | undefined;
  const ready: { code: number; text: string }[] = [];
  const waiting: { resolve: (reply: { code: number; text: string }) => void; reject: (error: Error) => void }[] = [];
  const fail = (error: Error) => {
    failure ??= error;
    for (const w of waiting.splice(0)) w.reject(failure);
  };
  socket.on('error', fail);
  socket.on('close', () => fail(new Error('the SMTP server closed the connection')));
  socket.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let end: number;
    while ((end = buffer.indexOf('\r\n')) >= 0) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      lines.push(line);
      if (line[3] === '-') continue;
      const reply = { code: Number(line.slice(0, 3)), text: lines.join('\n') };
      lines = [];
      const next = waiting.shift();
      if (next) next.resolve(reply);
      else ready.push(reply);
    }
  });
  return () => new Promise((resolve, reject) => {
    const reply = ready.shift();
    if (reply) return resolve(reply);
    if (failure) return reject(failure);
    waiting.push({ resolve, reject });
  });
}

export async function sendMail(url: string, message: SmtpMessage, timeoutMs = 15_000): Promise<void> {
  const target = new URL(url);
  const secure = target.protocol === 'smtps:';
  const port = Number(target.port || (secure ? 465 : 25));
  const socket: Socket = secure ? tlsConnect({ host: target.hostname, port, servername: target.hostname }) : netConnect({ host: target.hostname, port });
  socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`the SMTP server ${target.host} did not answer in ${timeoutMs} ms`)));
  const next = replies(socket);
  const expect = async (codes: number[], what: string) => {
    const reply = await next();
    if (!codes.includes(reply.code)) throw new Error(`SMTP ${what}: ${reply.text}`);
  };
  const command = async (line: string, codes: number[], what = line.split(' ')[0]!) => {
    socket.write(`${line}\r\n`);
    await expect(codes, what);
  };
  try {
    await expect([220], 'greeting');
    await command('EHLO zhida', [250]);
    if (target.username) {
      const plain = Buffer.from(`\u0000${decodeURIComponent(target.username)}\u0000${decodeURIComponent(target.password)}`).toString('base64');
      await command(`AUTH PLAIN ${plain}`, [235], 'AUTH');
    }
    await command(`MAIL FROM:<${message.from.replace(/^.*<|>.*$/g, '')}>`, [250]);
    await command(`RCPT TO:<${message.to}>`, [250, 251]);
    await command('DATA', [354]);
    await command(`${formatMessage(message)}\r\n.`, [250], 'message');
    socket.write('QUIT\r\n');
  } finally {
    socket.end();
  }
}
