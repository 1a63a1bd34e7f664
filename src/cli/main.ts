/** The `heatfleet` command. */
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../main/config.js';
import { registerAccountCommands } from './commands/accounts.js';
import { registerRegistryIoCommands } from './commands/registry-io.js';
import { registerScopCommand } from './commands/scop.js';
import { registerServeCommands } from './commands/serve.js';
import { registerSimulateCommand } from './commands/simulate.js';
import { registerStrategiesCommand } from './commands/strategies.js';
import { registerWhatIfCommand } from './commands/what-if.js';

const program = new Command('heatfleet')
  .description('heatfleet — household heating, central management (分户供暖、集中管理)')
  .version('0.1.0')
  .showHelpAfterError()
  .exitOverride();
registerServeCommands(program);
registerRegistryIoCommands(program);
registerAccountCommands(program);
registerSimulateCommand(program);
registerScopCommand(program);
registerWhatIfCommand(program);
registerStrategiesCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) process.exit(e.exitCode);
  const msg = e instanceof ConfigError ? e.message : `heatfleet: ${(e as Error).message}`;
  process.stderr.write(`${msg}\n`);
  process.exit(1);
}
