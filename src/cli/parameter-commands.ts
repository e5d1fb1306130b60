// zhida params list|set|impact: the policy office's parameter editor from the terminal. `set` records the
// setting as a named policy account (--as), so the audit log says who set it, as it does from the web.
import type { Command } from 'commander';
import { CliError, EXIT, padDisplay, printJson } from './output.ts';
import { configuredPack, storeOptions, withStore, type StoreOptions } from './with-store.ts';

type Common = StoreOptions;
interface SetOptions extends Common { value: string; from: string; to?: string; document: string; as: string }

const shown = (value: number | null) => (value === null ? '待定 unset' : String(value));

export function registerParameterCommands(program: Command): void {
  const common = storeOptions;
  const params = program.command('params').description('parameters the text leaves to implementing rules: list, set, impact');

  common(params.command('list').description('list the parameters (unset ones first) with their values and settings')
    .option('--unset', 'only those the text leaves unset'))
    .action((options: Common & { unset?: boolean }) => withStore(options, async (db) => {
      const pack = await configuredPack();
      const { loadParameters } = await import('../services/parameters.ts');
      const parameters = await loadParameters(db, pack, { unsetOnly: options.unset === true });
      if (options.json) return printJson({ parameters });
      for (const p of parameters) {
        const mark = p.unset ? (p.effective_value === null ? '待定' : '已设') : '原文';
        console.log(`${padDisplay(mark, 5)} ${padDisplay(p.id, 44)} ${padDisplay(shown(p.effective_value), 12)} ${p.unit.padEnd(8)} ${p.label.zh}`);
        for (const s of p.settings) console.log(`      ${s.effective_from}–${s.effective_to ?? ''} = ${s.value} (${s.document}; ${s.set_by})`);
      }
    }));

  common(params.command('set <id>').description('set a parameter the text leaves unset, citing the implementing document')
    .requiredOption('--value <n>', 'whole number (yuan, percent, years, count, or the ratio numerator)')
    .requiredOption('--from <date>', 'effective from (YYYY-MM-DD)')
    .option('--to <date>', 'effective to (YYYY-MM-DD; default the end of the edition)')
    .requiredOption('--document <text>', 'the implementing document (实施细则) name and number')
    .requiredOption('--as <username>', 'the policy account recording the setting'))
    .action((id: string, options: SetOptions) => withStore(options, async (db) => {
      const pack = await configuredPack();
      if (!/^\d+$/.test(options.value)) throw new CliError(`--value must be a whole number ≥ 0, got "${options.value}"`, EXIT.usage);
      const account = await db.selectFrom('accounts').selectAll().where('username', '=', options.as).executeTakeFirst();
      if (!account || account.disabled) throw new CliError(`--as: no active account ${options.as}`, EXIT.usage);
      if (account.role !== 'policy') throw new CliError(`--as: ${options.as} is a ${account.role} account; parameters are set by a policy account`, EXIT.usage);
      const { accountToActor } = await import('../services/sessions.ts');
      const { setParameter } = await import('../services/parameters.ts');
      const setting = await setParameter(db, accountToActor(account), pack, {
        parameter: id, value: Number(options.value), effective_from: options.from, effective_to: options.to, document: options.document,
      });
      if (options.json) return printJson({ setting });
      console.log(`已设置 set ${id} = ${setting.value} from ${setting.effective_from}${setting.effective_to ? ` to ${setting.effective_to}` : ''} (${setting.document}; ${setting.set_by})`);
    }));

  common(params.command('impact <id>').description('what a setting reaches: provisions, their cases by status, pending profiles'))
    .action((id: string, options: Common) => withStore(options, async (db) => {
      const pack = await configuredPack();
      const { parameterImpact } = await import('../services/parameters.ts');
      const { loadRules } = await import('../pack/rules.ts');
      const { Calculator } = await import('../services/evaluation.ts');
      const { effectiveCalculator } = await import('../services/parameter-settings.ts');
      const calculator = await effectiveCalculator(db, new Calculator(pack, await loadRules(pack)));
      const impact = await parameterImpact(db, pack, id, calculator);
      if (options.json) return printJson(impact);
      console.log(`${impact.parameter.id} ${impact.parameter.label.zh} — ${shown(impact.parameter.effective_value)} ${impact.parameter.unit}`);
      console.log(`  条款 provisions (${impact.provisions.length}): ${impact.provisions.map((p) => `${p.catalogue} ${p.title.zh}`).join('、') || '—'}`);
      const statuses = Object.entries(impact.cases.by_status).map(([s, n]) => `${s} ${n}`).join(', ');
      console.log(`  申报 cases: ${impact.cases.total} (open ${impact.cases.open}, pending ${impact.cases.pending})${statuses ? ` — ${statuses}` : ''}`);
      if (impact.profiles_affected !== undefined) console.log(`  待定的企业画像 profiles pending on it: ${impact.profiles_affected}`);
    }));
}
