#!/usr/bin/env node
// Entry point of the `taosim` command: runs the TypeScript CLI through tsx's loader,
// so no build step is needed after `npm ci`.
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../sim/cli/index.ts');
process.exitCode = await main(process.argv.slice(2));
