import { basename, dirname, join } from 'node:path';

const FLOW_SUFFIXES = ['.eventflow.json', '.json'];

/**
 * Where a flow's event log lives by default: beside the flow file, named after it.
 * `examples/checkout.eventflow.json` -> `examples/checkout.events/`.
 */
export function logDirFor(flowFile: string): string {
  const name = basename(flowFile);
  const suffix = FLOW_SUFFIXES.find((s) => name.endsWith(s));
  const stem = suffix ? name.slice(0, -suffix.length) : name;
  return join(dirname(flowFile), `${stem}.events`);
}
