#!/usr/bin/env node
// Entry point of the `taosim` command: runs the TypeScript CLI through tsx's loader,
// so no build step is needed after `npm ci`. `main` is the CLI's single catch and returns the
// exit code; the catch here only covers failing to load the CLI itself (exit 3).
import { register } from 'tsx/esm/api';
register();
const argv = process.argv.slice(2);
// `taosim yuma x.json | head`: a reader that closes the pipe early is not an error
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}
try {
  const { main } = await import('../sim/cli/index.ts');
  process.exitCode = await main(argv);
} catch (err) {
  const debug = argv.includes('--debug');
  const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
  process.stderr.write(`taosim: internal error: ${message}\n`);
  process.stderr.write(debug && err instanceof Error ? `${err.stack}\n` : '(run again with --debug for the stack trace)\n');
  process.exitCode = 3;
}
