import { Command } from 'commander';
import { registerValidateCommands } from './validateCommands';
import { registerWebCommand } from './webCommand';
import { registerCompileCommand } from './compileCommand';
import { registerLogCommand } from './logCommand';
import { registerReplayCommand } from './replayCommand';
import { registerRunCommand } from './runCommand';

/**
 * The `eventflow` command: each subcommand lives in its own file and registers itself here.
 * User errors print one clear paragraph and set the exit code; they never show a stack trace.
 */
const program = new Command()
  .name('eventflow')
  .description('EventFlow Studio: design, run, log and replay event-driven flows on MQTT')
  .showHelpAfterError('(run with --help for usage)');

registerValidateCommands(program);
registerWebCommand(program);
registerCompileCommand(program);
registerLogCommand(program);
registerReplayCommand(program);
registerRunCommand(program);

await program.parseAsync(process.argv);
