// Starts the HTTP server: API, OpenAPI docs and the built web app on one port.
import { mkdirSync } from 'node:fs';
import { buildApp } from './api/app.ts';
import { readConfig } from './config.ts';
import { loadEdition, PackLoadError } from './pack/loader.ts';

const config = readConfig();
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
const app = await buildApp({ pack, webDir: config.webDir, logger: process.env.ZHIDA_LOG === '1' });
const address = await app.listen({ port: config.port, host: config.host });
const url = address.replace('127.0.0.1', 'localhost');
console.log(`Zhida (直达) is running — ${pack.meta.title} ${pack.meta.document_number}`);
console.log(`  web app:  ${url}/`);
console.log(`  API docs: ${url}/docs`);
console.log(`  data dir: ${config.dataDir}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
