// zhida entitlements list: the awards official lists offered without application (免申即享) and where each
// stands (offered, confirmed with its application, declined, lapsed), by import or status.
import type { Command } from 'commander';
import { CliError, EXIT, printJson } from './output.ts';
import { configuredPack, storeOptions, withStore, type StoreOptions } from './with-store.ts';

interface ListOptions extends StoreOptions { import?: string; status?: string }

const STATUSES = ['offered', 'confirmed', 'declined', 'lapsed'] as const;

export function registerEntitlementCommands(program: Command): void {
  const entitlements = program.command('entitlements').description('awards offered from official lists without application (免申即享)');
  storeOptions(entitlements.command('list').description('the entitlements, newest first, with their state')
    .option('--import <id>', 'those one list import offered')
    .option('--status <status>', STATUSES.join(' | ')))
    .action((options: ListOptions) => withStore(options, async (db) => {
      if (options.status !== undefined && !(STATUSES as readonly string[]).includes(options.status)) throw new CliError(`--status must be one of ${STATUSES.join(', ')}, got "${options.status}"`, EXIT.usage);
      const pack = await configuredPack();
      const { listEntitlements } = await import('../services/entitlements.ts');
      const list = await listEntitlements(db, pack, 'operator', { importId: options.import, status: options.status as (typeof STATUSES)[number] | undefined });
      if (options.json) return printJson({ entitlements: list });
      console.log(`${list.length} entitlements (免申即享)${options.import ? ` of import ${options.import}` : ''}${options.status ? `, ${options.status}` : ''}`);
      for (const e of list) {
        const amount = e.amount_yuan === null ? 'amount pending' : `${e.amount_yuan} yuan`;
        const outcome = e.application_id ? ` → application ${e.application_id} (${e.application_status})` : e.reason ? ` — ${e.reason}` : '';
        console.log(`  ${e.id}  ${e.status.padEnd(9)} ${e.credit_code} ${e.beneficiary_name}  ${e.provision} ${e.year}  ${amount}  [${e.import.file_name}]${outcome}`);
      }
    }));
}
