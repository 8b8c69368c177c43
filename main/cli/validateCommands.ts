import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { loadFlow } from '../../shared/flow/loadFlow';

/** `eventflow validate FILE`: exit 0 with a one-line summary, or exit 1 with every error. */
export function registerValidateCommands(program: Command): void {
  program
    .command('validate')
    .description('check a flow file and report every problem with its JSON path')
    .argument('<file>', 'a *.eventflow.json file')
    .action(async (file: string) => {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (err) {
        console.error(`${file}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)}): check the path.`);
        process.exitCode = 1;
        return;
      }
      const result = loadFlow(text);
      if (!result.ok) {
        console.error(`${file}: ${result.errors.length} problem(s)`);
        for (const e of result.errors) console.error(`  ${e.path}: ${e.message}`);
        process.exitCode = 1;
        return;
      }
      const { doc } = result;
      console.log(`${file}: valid: "${doc.name}", ${doc.nodes.length} nodes, ${doc.edges.length} channels, ${doc.eventTypes.length} event types`);
    });
}
