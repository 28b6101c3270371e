/** Creates (or refreshes) the demo project: a folder with `.beads/issues.jsonl` made by troupe itself. */
import { mkdir, readdir, rename, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { troupeError } from '../errors/troupe-error.js';
import { demoIssues } from './demo-beads.js';
import { commitDemoFiles } from './demo-git.js';

/** Marks a folder as troupe's own demo, so refreshing it never overwrites someone's project. */
export const DEMO_MARKER = '.troupe-demo';

export function defaultDemoDir(): string {
  return join(tmpdir(), 'troupe-demo');
}

export interface DemoProject {
  root: string;
  issueCount: number;
  /** False when an earlier demo folder was refreshed. */
  created: boolean;
  /** The demo is a git repository (its sessions get worktrees); false where git is missing. */
  git: boolean;
}

const README = `# tinyshop (troupe demo)

A made-up web shop whose beads troupe wrote for its demo. Sessions run the simulated agent, so
no API keys are needed. Session logs are kept in \`.bp6/sessions/\`; each session works in its own
git worktree in \`.bp6/worktrees/\`, and its changes are reviewed and merged from the dashboard.
`;

const SOURCE = `// tinyshop checkout: the single-page form the demo's agents work on.
export interface Address {
  name: string;
  street: string;
  city: string;
}

export function validateAddress(address: Address): string[] {
  const errors: string[] = [];
  if (address.name.trim() === '') errors.push('name is required');
  if (address.street.trim() === '') errors.push('street is required');
  return errors;
}
`;

async function folderState(dir: string): Promise<'missing' | 'empty' | 'demo' | 'foreign'> {
  const info = await stat(dir).catch(() => null);
  if (!info) return 'missing';
  if (!info.isDirectory()) return 'foreign';
  const entries = await readdir(dir);
  if (entries.length === 0) return 'empty';
  return entries.includes(DEMO_MARKER) ? 'demo' : 'foreign';
}

export async function writeDemoProject(dir: string = defaultDemoDir(), now: number = Date.now()): Promise<DemoProject> {
  const root = resolve(dir);
  const state = await folderState(root);
  if (state === 'foreign') {
    throw troupeError(
      'INVALID_ARGUMENT',
      `refusing to write the demo into ${root}: it exists and is not a troupe demo folder (no ${DEMO_MARKER}); pick another --dir`,
    );
  }
  await mkdir(join(root, '.beads'), { recursive: true });
  await writeFile(join(root, DEMO_MARKER), 'This folder was made by `troupe demo` and may be rewritten by it.\n');
  await writeFile(join(root, 'README.md'), README);
  const issues = demoIssues(now);
  const file = join(root, '.beads', 'issues.jsonl');
  // Whole-file replace by rename, as bd does, so a watcher never reads half a file.
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, issues.map((issue) => JSON.stringify(issue)).join('\n') + '\n');
  await rename(temp, file);
  await mkdir(join(root, 'src'), { recursive: true });
  await writeFile(join(root, 'src', 'checkout.ts'), SOURCE);
  return { root, issueCount: issues.length, created: state !== 'demo', git: await commitDemoFiles(root) };
}
