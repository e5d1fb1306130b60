// zhida account create|list|disable, zhida demo totp: accounts from the terminal (the first administrator
// is made here). Each opens the configured database (DATABASE_URL, else ZHIDA_DATA_DIR/zhida.sqlite;
// --database overrides), checks it is migrated, does one thing and closes it.
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import type { Actor } from '../services/actor.ts';
import { CliError, padDisplay, printJson } from './output.ts';
import { configuredPack, storeOptions, withStore, type StoreOptions } from './with-store.ts';

type Common = StoreOptions;
interface CreateOptions extends Common { username: string; name: string; role: string; department?: string; creditCode?: string; passwordStdin?: boolean }

/** Who did it, in the audit log: the operating-system user at the terminal. */
function cliActor(): Actor {
  let name = 'unknown';
  try { name = userInfo().username; } catch { /* no passwd entry (containers) */ }
  return { id: 'cli', username: `cli-${name}`, displayName: `zhida CLI (${name})`, role: 'admin', department: null, creditCode: null };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export function registerAccountCommands(program: Command): void {
  const common = storeOptions;

  const account = program.command('account').description('accounts: create, list, disable');
  common(account.command('create').description('create an account (finance/admin: prints the TOTP secret once)')
    .requiredOption('--username <username>', 'login name')
    .requiredOption('--name <display name>', 'name shown in the app')
    .requiredOption('--role <role>', 'enterprise, reviewer, finance, policy, auditor or admin')
    .option('--department <department>', 'reviewers: the department (e.g. 科技局)')
    .option('--credit-code <code>', 'enterprise users: the registered beneficiary')
    .option('--password-stdin', 'read the password from standard input (else one is generated and printed)'))
    .action((options: CreateOptions) => withStore(options, async (db) => {
      const password = options.passwordStdin ? await readStdin() : undefined;
      const { createAccount, adminAccountView } = await import('../services/accounts.ts');
      const created = await createAccount(db, await configuredPack(), cliActor(), {
        username: options.username, display_name: options.name, role: options.role, password, department: options.department, credit_code: options.creditCode,
      });
      if (options.json) {
        return printJson({ account: adminAccountView(created.account), generated_password: created.generatedPassword ?? null, totp: created.totp ?? null });
      }
      const a = created.account;
      console.log(`已创建账号 created ${a.username} (${a.role}${a.department ? ` ${a.department}` : ''}${a.credit_code ? ` ${a.credit_code}` : ''})`);
      if (created.generatedPassword) console.log(`  初始密码 password (shown once): ${created.generatedPassword}`);
      if (created.totp) {
        console.log(`  TOTP 密钥 secret (shown once): ${created.totp.secret}`);
        console.log(`  ${created.totp.otpauth_url}`);
      }
    }));

  common(account.command('list').description('list the accounts'))
    .action((options: Common) => withStore(options, async (db) => {
      const { listAccounts, adminAccountView } = await import('../services/accounts.ts');
      const accounts = (await listAccounts(db)).map(adminAccountView);
      if (options.json) return printJson({ accounts });
      for (const a of accounts) {
        const binding = a.department ?? a.credit_code ?? '';
        const state = a.disabled ? '已停用 disabled' : a.locked_until && Date.parse(a.locked_until) > Date.now() ? `锁定至 locked until ${a.locked_until}` : '';
        console.log(`${a.username.padEnd(16)}${a.role.padEnd(11)}${padDisplay(a.display_name, 20)} ${padDisplay(binding, 20)} ${a.totp_enabled ? 'TOTP' : '    '} ${state}`.trimEnd());
      }
    }));

  common(account.command('disable').description('disable an account and end its sessions').argument('<username>'))
    .action((username: string, options: Common) => withStore(options, async (db) => {
      const { findAccountByUsername, changeAccount, adminAccountView } = await import('../services/accounts.ts');
      const found = await findAccountByUsername(db, username);
      if (!found) throw new CliError(`no account "${username}"`);
      const after = await changeAccount(db, cliActor(), found.id, 'disable');
      if (options.json) return printJson({ account: adminAccountView(after) });
      console.log(`已停用 disabled ${after.username}`);
    }));

  const demo = program.command('demo').description('the demo data of npm start');
  common(demo.command('totp').description('print the current TOTP code of a demo account (caizheng, admin)').argument('<username>'))
    .action((username: string, options: Common) => withStore(options, async (db) => {
      const { findAccountByUsername } = await import('../services/accounts.ts');
      const { DEMO_CREATED_BY } = await import('../services/demo-accounts.ts');
      const { totpCode, TOTP_PERIOD_SECONDS } = await import('../services/totp.ts');
      const found = await findAccountByUsername(db, username);
      if (!found || found.created_by !== DEMO_CREATED_BY) throw new CliError(`"${username}" is not a demo account: only demo accounts' codes are printed`);
      if (!found.totp_secret || found.totp_enabled !== 1) throw new CliError(`demo account "${username}" has no TOTP`);
      const now = Date.now();
      const code = totpCode(found.totp_secret, now);
      const seconds = TOTP_PERIOD_SECONDS - Math.floor(now / 1000) % TOTP_PERIOD_SECONDS;
      if (options.json) return printJson({ username: found.username, code, valid_for_seconds: seconds });
      console.log(code);
      console.error(`(${found.username}: valid for ${seconds} s more)`);
    }));
}
