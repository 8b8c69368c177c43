import { Command } from 'commander';
import { registerValidateCommands } from './validateCommands';

/**
 * The `eventflow` command: each subcommand lives in its own file and registers itself here.
 * User errors print one clear paragraph and set the exit code; they never show a stack trace.
 */
const program = new Command()
  .name('eventflow')
  .description('EventFlow Studio: design, run, log and replay event-driven flows on MQTT')
  .showHelpAfterError('(run with --help for usage)');

registerValidateCommands(program);

await program.parseAsync(process.argv);
