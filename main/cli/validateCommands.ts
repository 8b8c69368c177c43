import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { compileFlow } from '../../shared/compile/compileFlow';
import type { Diagnostic } from '../../shared/compile/RuntimePlan';
import type { FlowDocument } from '../../shared/flow/FlowDocument';
import { loadFlow } from '../../shared/flow/loadFlow';

/**
 * `eventflow validate FILE`: load the file and compile it, the same checks a run makes.
 * Exit 0 with a one-line summary (and any warnings on stderr), or exit 1 with every error
 * as `  <path>: <message>`.
 */
export function registerValidateCommands(program: Command): void {
  program
    .command('validate')
    .description('check a flow file (schema and compile) and report every problem with its JSON path')
    .argument('<file>', 'a *.eventflow.json file')
    .action(async (file: string) => {
      const doc = await readFlowFile(file);
      if (!doc) return;
      const { diagnostics } = compileFlow(doc);
      const errors = diagnostics.filter((d) => d.severity === 'error');
      const warnings = diagnostics.filter((d) => d.severity === 'warning');
      if (errors.length > 0) {
        console.error(`${file}: ${errors.length} error(s)${warnings.length ? `, ${warnings.length} warning(s)` : ''}`);
        for (const d of errors) console.error(formatDiagnostic(d));
        for (const d of warnings) console.error(formatDiagnostic(d));
        process.exitCode = 1;
        return;
      }
      for (const d of warnings) console.error(formatDiagnostic(d));
      console.log(
        `${file}: valid: "${doc.name}", ${doc.nodes.length} nodes, ${doc.edges.length} channels, ${doc.eventTypes.length} event types, ${warnings.length} warning(s)`,
      );
    });
}

/**
 * Read and load a flow file for a command. On any problem (unreadable file, bad JSON, schema
 * errors) print `<file>: N problem(s)` and each as `  <path>: <message>` on stderr, set exit
 * code 1 and return undefined.
 */
export async function readFlowFile(file: string): Promise<FlowDocument | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    console.error(`${file}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)}): check the path.`);
    process.exitCode = 1;
    return undefined;
  }
  const result = loadFlow(text);
  if (!result.ok) {
    console.error(`${file}: ${result.errors.length} problem(s)`);
    for (const e of result.errors) console.error(`  ${e.path}: ${e.message}`);
    process.exitCode = 1;
    return undefined;
  }
  return result.doc;
}

/**
 * One compiler finding as a terminal line: `  <path>: [warning: ]<message> (node <id>, channel <id>)`.
 */
export function formatDiagnostic(d: Diagnostic): string {
  const ids = [d.nodeId !== undefined ? `node ${d.nodeId}` : '', d.edgeId !== undefined ? `channel ${d.edgeId}` : ''].filter(Boolean);
  const where = ids.length ? ` (${ids.join(', ')})` : '';
  return `  ${d.path ?? '(document)'}: ${d.severity === 'warning' ? 'warning: ' : ''}${d.message}${where}`;
}
