import type { CloudEvent } from '../../../shared/events/CloudEvent';
import { parseCloudEvent } from '../../../shared/events/CloudEvent';
import { readLines } from './readLines';

/** A line of an imported file that is not a CloudEvent; the import goes on without it. */
export interface ImportProblem {
  /** 1-based line number in the file. */
  line: number;
  message: string;
}

/**
 * Read an NDJSON file of CloudEvents (what `exportEvents` writes, or any tool's) as a replay
 * source, streaming. Each line is checked with parseCloudEvent; a bad line is reported through
 * `onProblem` with its line number and skipped, and the rest is read. Blank lines are ignored.
 *
 * @example
 * const problems: ImportProblem[] = [];
 * const events = importEvents('checkout-17.ndjson', (p) => problems.push(p));
 * startReplay({ records: events, plan, brokerUrl, ... });
 */
export async function* importEvents(file: string, onProblem: (problem: ImportProblem) => void): AsyncGenerator<CloudEvent> {
  let lineNo = 0;
  for await (const line of readLines(file)) {
    lineNo += 1;
    const text = line.text.endsWith('\r') ? line.text.slice(0, -1) : line.text;
    if (text.trim() === '') continue;
    const parsed = parseCloudEvent(text, Buffer.byteLength(text));
    if (parsed.ok) yield parsed.event;
    else onProblem({ line: lineNo, message: parsed.problem.message });
  }
}
