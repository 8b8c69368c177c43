import type { Command } from 'commander';
import { compileFlow } from '../../shared/compile/compileFlow';
import { formatDiagnostic, readFlowFile } from './validateCommands';

/**
 * `eventflow compile FILE`: print the runtime plan as JSON on stdout (warnings on stderr), or
 * exit 1 with every load or compile error as `  <path>: <message> (node ..., channel ...)`.
 */
export function registerCompileCommand(program: Command): void {
  program
    .command('compile')
    .description('compile a flow file and print the runtime plan as JSON')
    .argument('<file>', 'a *.eventflow.json file')
    .action(async (file: string) => {
      const doc = await readFlowFile(file);
      if (!doc) return;
      const { plan, diagnostics } = compileFlow(doc);
      if (!plan) {
        const errors = diagnostics.filter((d) => d.severity === 'error');
        console.error(`${file}: ${errors.length} compile error(s)`);
        for (const d of diagnostics) console.error(formatDiagnostic(d));
        process.exitCode = 1;
        return;
      }
      for (const d of diagnostics) console.error(formatDiagnostic(d));
      process.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
    });
}
