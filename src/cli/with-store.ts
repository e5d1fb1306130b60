// The preamble of every command that works on the database: open the configured one (DATABASE_URL, else
// ZHIDA_DATA_DIR/zhida.sqlite; --database overrides), refuse an unmigrated schema, turn a service's refusal
// into a CLI error (exit 2 for invalid input, 1 otherwise), and always close it.
import type { Command } from 'commander';
import { readConfig } from '../config.ts';
import type { Pack } from '../core/pack.ts';
import type { Db } from '../store/database.ts';
import { CliError, EXIT } from './output.ts';

export interface StoreOptions { database?: string; json?: boolean }

/** --database and --json, shared by the commands that use withStore. */
export const storeOptions = (cmd: Command): Command => cmd
  .option('--database <url>', 'postgres://… or a SQLite file (default: DATABASE_URL, else ZHIDA_DATA_DIR/zhida.sqlite)')
  .option('--json', 'print JSON');

export async function withStore<T>(options: StoreOptions, work: (db: Db) => Promise<T>): Promise<T> {
  const config = readConfig();
  const { openDatabase } = await import('../store/database.ts');
  let db: Db;
  try {
    db = await openDatabase({ url: options.database ?? config.databaseUrl, dataDir: config.dataDir });
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  try {
    await (await import('../store/migrate.ts')).assertMigrated(db).catch((error: Error) => { throw new CliError(error.message); });
    return await work(db);
  } catch (error) {
    const { ServiceError } = await import('../services/errors.ts');
    if (error instanceof ServiceError) throw new CliError(error.message, error.code === 'invalid' ? EXIT.usage : EXIT.failure);
    throw error;
  } finally {
    await db.destroy();
  }
}

/** The configured edition's pack, for commands that need it beside the database. */
export async function configuredPack(): Promise<Pack> {
  return (await import('../pack/loader.ts')).loadEdition(readConfig().edition);
}
