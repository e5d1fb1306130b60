// Starts the HTTP server: API, OpenAPI docs and the built web app on one port, over the configured
// database (DATABASE_URL, else the SQLite file in ZHIDA_DATA_DIR), migrated to the latest schema and,
// unless ZHIDA_DEMO=0, seeded with the demo data and accounts.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from './api/app.ts';
import { readConfig } from './config.ts';
import { loadEdition, PackLoadError } from './pack/loader.ts';
import type { DemoLogin } from './services/demo.ts';
import { databaseLocation, describeLocation, openConfiguredDatabase, type Db } from './store/database.ts';
import { migrateToLatest } from './store/migrate.ts';
import { outboxFlusher } from './services/mail.ts';
import { closeDueNotices } from './services/notices.ts';

let config;
try {
  config = readConfig();
} catch (error) {
  console.error(`zhida: ${(error as Error).message}`);
  process.exit(1);
}
let pack;
try {
  pack = loadEdition(config.edition);
} catch (error) {
  if (error instanceof PackLoadError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
mkdirSync(config.dataDir, { recursive: true });
const where = describeLocation(databaseLocation({ url: config.databaseUrl, dataDir: config.dataDir }));
let db: Db | undefined;
try {
  db = await openConfiguredDatabase(config);
  const applied = await migrateToLatest(db);
  for (const name of applied) console.log(`  migrated ${name}`);
} catch (error) {
  console.error(`zhida: ${where}: ${(error as Error).message}`);
  await db?.destroy();
  process.exit(1);
}
const database: Db = db;
// Loaded only when seeding: a production start (ZHIDA_DEMO=0) does not load the demo data at all.
const demoLogins: DemoLogin[] = !config.demo ? [] : await (await import('./services/demo.ts')).seedDemo(db, pack);

// One flusher for both the sending after an import and the retry timer: deliveries never overlap.
const flushMail = config.smtpUrl
  ? outboxFlusher(database, { smtpUrl: config.smtpUrl, from: config.mailFrom }, (error) => console.error(`zhida: mail outbox: ${error.message}`))
  : undefined;
const app = await buildApp({ pack, webDir: config.webDir, db, evidenceDir: join(config.dataDir, 'evidence'), logger: process.env.ZHIDA_LOG === '1', demo: config.demo, flushMail });
// Messages that could not be sent at once (the mail server down) are tried again every minute.
const mailTimer = flushMail ? setInterval(() => void flushMail(), 60_000) : undefined;
mailTimer?.unref();
const address = await app.listen({ port: config.port, host: config.host });
const url = address.replace('127.0.0.1', 'localhost');
console.log(`Zhida (直达) is running — ${pack.meta.title} ${pack.meta.document_number}`);
console.log(`  web app:  ${url}/`);
console.log(`  API docs: ${url}/docs`);
console.log(`  database: ${where}`);
console.log(`  data dir: ${config.dataDir}`);
if (demoLogins.length > 0) {
  console.log('\n  演示账号 demo accounts (ZHIDA_DEMO=0 to start without them):');
  console.log(`  ${'role'.padEnd(11)}${'username'.padEnd(11)}${'password'.padEnd(17)}TOTP`);
  for (const login of demoLogins) {
    console.log(`  ${login.role.padEnd(11)}${login.username.padEnd(11)}${login.password.padEnd(17)}${login.totp ?? '—'}`);
  }
  console.log('  TOTP code: npx zhida demo totp caizheng   (or admin)');
}

// The daily job of the 公示: notices whose period has passed are closed (cases with an open objection wait).
async function sweepNotices(): Promise<void> {
  try {
    for (const closed of await closeDueNotices(database)) {
      console.log(`  notice ${closed.notice} closed: ${closed.payable.length} payable, ${closed.held.length} held by objections`);
    }
  } catch (error) {
    console.error(`zhida: closing due notices failed: ${(error as Error).message}`);
  }
}
const sweepTimer = config.noticeSweepMinutes > 0 ? setInterval(() => void sweepNotices(), config.noticeSweepMinutes * 60_000) : undefined;
sweepTimer?.unref();
if (sweepTimer) await sweepNotices();

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    if (sweepTimer) clearInterval(sweepTimer);
    if (mailTimer) clearInterval(mailTimer);
    void app.close().then(() => db.destroy()).then(() => process.exit(0), (error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  });
}
