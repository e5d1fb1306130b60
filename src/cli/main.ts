// zhida: the command-line interface. Commands call the same services as the API.
import { Command, CommanderError } from 'commander';
import { registerAccountCommands } from './account-commands.ts';
import { registerCoverageCommand, registerEvalCommands } from './eval-commands.ts';
import { registerEditionCommands } from './edition-commands.ts';
import { registerEntitlementCommands } from './entitlement-commands.ts';
import { registerImportCommands } from './import-commands.ts';
import { registerParameterCommands } from './parameter-commands.ts';
import { registerPolicyCommands } from './policy-commands.ts';
import { registerSimulationCommands } from './simulation-commands.ts';
import { registerStoreCommands } from './store-commands.ts';
import { registerTargetCommands } from './target-commands.ts';
import { CliError, EXIT } from './output.ts';

// `zhida … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const program = new Command('zhida')
  .description('Zhida (直达): the Binjiang 2025 economic policy as working software')
  .exitOverride()
  .showHelpAfterError();
registerCoverageCommand(registerPolicyCommands(program));
registerEvalCommands(program);
registerStoreCommands(program);
registerAccountCommands(program);
registerParameterCommands(program);
registerTargetCommands(program);
registerImportCommands(program);
registerEntitlementCommands(program);
registerSimulationCommands(program);
registerEditionCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  } else if (error instanceof CliError) {
    console.error(`zhida: ${error.message}`);
    process.exitCode = error.exitCode;
  } else {
    throw error;
  }
}
