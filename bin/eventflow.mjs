#!/usr/bin/env node
// The `eventflow` command. It runs the TypeScript sources through tsx so a fresh clone needs
// no build step: `npm ci && npx eventflow run examples/checkout.eventflow.json`.
import { register } from 'tsx/esm/api';

register();
await import('../main/cli/main.ts');
