#!/usr/bin/env node
import { Command } from 'commander';
import { registerCommands } from './commands/index.js';
import { TROUPE_VERSION } from '../version.js';
import { messageOf } from '../errors/troupe-error.js';
import { terminalSafe } from '../text/terminal-safe.js';
import { inTroupeQuotes } from '../text/quoted.js';

const program = new Command();
program
  .name('troupe')
  .description('Run many AI coding-agent CLIs side by side, each on a bead, supervised, with a live dashboard.')
  .version(TROUPE_VERSION)
  .showHelpAfterError()
  // commander's own errors quote the way troupe's do.
  .configureOutput({ outputError: (text, write) => write(inTroupeQuotes(text)) });

registerCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  // Messages quote file names, agent output and log fields.
  process.stderr.write(`troupe: ${terminalSafe(messageOf(error))}\n`);
  process.exitCode = 1;
});
