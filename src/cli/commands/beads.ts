/** `troupe beads`: print the project's WBS tree of beads, as text or JSON. */
import type { Command } from 'commander';
import { loadWbsTree } from '../../beads/load-tree.js';
import { renderTreeText } from '../../beads/render-text.js';
import { toWireTree } from '../../beads/wire-tree.js';
import { terminalSafe, terminalSafeJson } from '../../text/terminal-safe.js';
import { resolveProjectRoot } from '../project-root.js';

export interface BeadsCommandOptions {
  project?: string;
  json?: boolean;
  all?: boolean;
}

export interface CommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
  cwd?: string;
  env?: Record<string, string | undefined>;
}

const PROBLEMS_SHOWN = 5;

export async function runBeadsCommand(options: BeadsCommandOptions, io: CommandIo): Promise<void> {
  const root = await resolveProjectRoot(options.project, io.cwd);
  const loaded = await loadWbsTree(root, { env: io.env });
  const roots = toWireTree(loaded.tree, { includeClosed: options.all === true });
  if (options.json) {
    io.out(`${terminalSafeJson(roots, 2)}\n`);
  } else {
    io.out(renderTreeText(roots));
    const closed = [...loaded.tree.byId.values()].filter((n) => n.bead.status === 'closed').length;
    const hiddenNote = options.all ? '' : ` (closed ones hidden unless they hold open work; --all shows all ${closed})`;
    io.out(`${loaded.issueCount} issues, ${loaded.tree.roots.length} roots, from ${terminalSafe(loaded.origin)}${hiddenNote}\n`);
  }
  // Problems go to stderr so `--json` output stays parseable.
  if (loaded.problems.length > 0) {
    io.err(`troupe beads: ${loaded.problems.length} problem(s) in the data:\n`);
    for (const p of loaded.problems.slice(0, PROBLEMS_SHOWN)) {
      io.err(`  ${p.line !== undefined ? `line ${p.line}: ` : ''}${terminalSafe(p.message)}\n`);
    }
    if (loaded.problems.length > PROBLEMS_SHOWN) io.err(`  ... and ${loaded.problems.length - PROBLEMS_SHOWN} more\n`);
  }
}

export function registerBeadsCommand(program: Command): void {
  program
    .command('beads')
    .description("print the WBS tree of the project's beads: indented, with type, status, priority, blocked marks")
    .option('--project <dir>', 'project folder (default: nearest folder holding .beads/)')
    .option('--json', 'print the tree as JSON')
    .option('--all', 'include closed issues')
    .action(async (options: BeadsCommandOptions) => {
      // `troupe beads | head` closes the pipe early: that is not an error.
      process.stdout.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'EPIPE') process.exit(0);
        throw error;
      });
      await runBeadsCommand(options, {
        out: (text) => process.stdout.write(text),
        err: (text) => process.stderr.write(text),
      });
    });
}
