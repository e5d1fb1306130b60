// Configuration from the environment: the defaults that make `npm start` work, and clear refusals.
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.ts';

describe('configuration', () => {
  it('defaults to port 3000 on loopback, demo mode on, closing due notices hourly', () => {
    const config = readConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', databaseUrl: undefined, edition: 'binjiang-2025', demo: true, noticeSweepMinutes: 60 });
    expect(config.dataDir.endsWith('/data')).toBe(true);
  });

  it('reads PORT, DATABASE_URL, ZHIDA_DATA_DIR, ZHIDA_DEMO=0 and ZHIDA_NOTICE_SWEEP_MINUTES', () => {
    const config = readConfig({ PORT: '8080', DATABASE_URL: 'postgres://u:p@h/db', ZHIDA_DATA_DIR: '/srv/zhida', ZHIDA_DEMO: '0', ZHIDA_NOTICE_SWEEP_MINUTES: '0' });
    expect(config).toMatchObject({ port: 8080, databaseUrl: 'postgres://u:p@h/db', dataDir: '/srv/zhida', demo: false, noticeSweepMinutes: 0 });
  });

  it('refuses a port or a sweep interval that is not a whole number, naming the variable', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(/^PORT must be a port number/);
    expect(() => readConfig({ ZHIDA_NOTICE_SWEEP_MINUTES: '1.5' })).toThrow(/^ZHIDA_NOTICE_SWEEP_MINUTES must be a whole number of minutes/);
    expect(() => readConfig({ ZHIDA_NOTICE_SWEEP_MINUTES: '-1' })).toThrow(/ZHIDA_NOTICE_SWEEP_MINUTES/);
  });

  it('reads ZHIDA_SMTP_URL and ZHIDA_MAIL_FROM (no URL: no e-mail); refuses a URL that is not smtp:// or smtps://', () => {
    expect(readConfig({})).toMatchObject({ smtpUrl: undefined, mailFrom: 'Zhida 直达 <zhida@localhost>' });
    expect(readConfig({ ZHIDA_SMTP_URL: 'smtps://u:p@mail.example.com:465', ZHIDA_MAIL_FROM: 'zhida@binjiang.gov.cn' }))
      .toMatchObject({ smtpUrl: 'smtps://u:p@mail.example.com:465', mailFrom: 'zhida@binjiang.gov.cn' });
    expect(() => readConfig({ ZHIDA_SMTP_URL: 'mail.example.com' })).toThrow(/^ZHIDA_SMTP_URL must be smtp:\/\//);
    // The refusal names the value without its password.
    expect(() => readConfig({ ZHIDA_SMTP_URL: 'imap://zhida:s3cret@mail.example.com' })).toThrow('got "imap://…@mail.example.com"');
  });
});
