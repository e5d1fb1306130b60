// Configuration from the environment, with the defaults that make `npm start` work on a fresh clone.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT_DIR = resolve(fileURLToPath(new URL('..', import.meta.url)));

export interface Config {
  port: number;
  host: string;
  /** Where Zhida keeps its files (the embedded database from the delivery work on). */
  dataDir: string;
  /** postgres://… to use PostgreSQL; unset: the embedded SQLite file under dataDir. */
  databaseUrl: string | undefined;
  edition: string;
  webDir: string;
  /** Demo data, demo accounts and the demo-only routes; ZHIDA_DEMO=0 turns them off. */
  demo: boolean;
  /** How often the server closes notices whose period has passed (ZHIDA_NOTICE_SWEEP_MINUTES; 0: never). */
  noticeSweepMinutes: number;
  /** E-mail for entitlement notices (ZHIDA_SMTP_URL: smtp://[user:password@]host[:port] or smtps://…); unset: no e-mail, the inbox only. */
  smtpUrl: string | undefined;
  /** The sender of those e-mails (ZHIDA_MAIL_FROM). */
  mailFrom: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number (0-65535), got "${env.PORT}"`);
  const sweep = env.ZHIDA_NOTICE_SWEEP_MINUTES === undefined || env.ZHIDA_NOTICE_SWEEP_MINUTES === '' ? 60 : Number(env.ZHIDA_NOTICE_SWEEP_MINUTES);
  if (!Number.isInteger(sweep) || sweep < 0) throw new Error(`ZHIDA_NOTICE_SWEEP_MINUTES must be a whole number of minutes (0 turns the sweep off), got "${env.ZHIDA_NOTICE_SWEEP_MINUTES}"`);
  const smtpUrl = env.ZHIDA_SMTP_URL || undefined;
  if (smtpUrl !== undefined && !/^smtps?:\/\/[^/]+/.test(smtpUrl)) throw new Error(`ZHIDA_SMTP_URL must be smtp://[user:password@]host[:port] or smtps://…, got "${smtpUrl.replace(/\/\/[^@/]*@/, '//…@')}"`);
  return {
    port,
    host: env.HOST || '127.0.0.1',
    dataDir: resolve(env.ZHIDA_DATA_DIR || resolve(ROOT_DIR, 'data')),
    databaseUrl: env.DATABASE_URL || undefined,
    edition: env.ZHIDA_EDITION || 'binjiang-2025',
    webDir: resolve(ROOT_DIR, 'web/dist'),
    demo: env.ZHIDA_DEMO !== '0',
    noticeSweepMinutes: sweep,
    smtpUrl,
    mailFrom: env.ZHIDA_MAIL_FROM || 'Zhida 直达 <zhida@localhost>',
  };
}
