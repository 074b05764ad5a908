/**
 * The registry of `taosim` commands. Adding a command: write `commands/<name>.ts` exporting a
 * `defineCommand({...})`, and add it to this array. Order = order in `taosim --help`.
 * Commands that need heavy modules (a node, DuckDB, a browser) import them inside `run`, so that
 * `taosim --help` stays fast.
 */
import type { Command } from '../command.ts';
import { profiles } from './profiles.ts';
import { yuma } from './yuma.ts';

export const commands: ReadonlyArray<Command> = [yuma, profiles];
