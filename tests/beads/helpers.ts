/** Shared by the beads tests: the real bp6 data, temp projects, bead lines. */
import { chmod, mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BP6_ISSUES = join(REPO_ROOT, '..', 'shared', 'data', 'beads', 'bp6-issues.jsonl');

export interface TempProject {
  root: string;
  beadsDir: string;
  issuesPath: string;
  cleanup(): Promise<void>;
}

/** A temp folder with `.beads/`, and `issues.jsonl` holding `content` when given. */
export async function makeProject(content?: string): Promise<TempProject> {
  const root = await mkdtemp(join(tmpdir(), 'troupe-beads-'));
  const beadsDir = join(root, '.beads');
  await mkdir(beadsDir);
  const issuesPath = join(beadsDir, 'issues.jsonl');
  if (content !== undefined) await writeFile(issuesPath, content);
  return { root, beadsDir, issuesPath, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** A temp project holding a copy of the real bp6 data. */
export async function makeBp6Project(): Promise<TempProject> {
  return makeProject(await readFile(BP6_ISSUES, 'utf8'));
}

export async function readBp6Raw(): Promise<Array<Record<string, unknown>>> {
  const text = await readFile(BP6_ISSUES, 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

export interface IssueSpec {
  id: string;
  title?: string;
  status?: string;
  priority?: number;
  type?: string;
  parent?: string;
  blockedBy?: string[];
  extra?: Record<string, unknown>;
}

/** One issue as bd writes it. */
export function issue(spec: IssueSpec): Record<string, unknown> {
  const dependencies = [
    ...(spec.parent ? [{ issue_id: spec.id, depends_on_id: spec.parent, type: 'parent-child' }] : []),
    ...(spec.blockedBy ?? []).map((b) => ({ issue_id: spec.id, depends_on_id: b, type: 'blocks' })),
  ];
  return {
    id: spec.id,
    title: spec.title ?? `Title of ${spec.id}`,
    status: spec.status ?? 'open',
    priority: spec.priority ?? 2,
    issue_type: spec.type ?? 'task',
    created_at: '2026-02-01T10:00:00Z',
    updated_at: '2026-02-01T10:00:00Z',
    ...(dependencies.length > 0 ? { dependencies } : {}),
    ...spec.extra,
  };
}

export function jsonl(records: unknown[]): string {
  return records.map((r) => JSON.stringify(r)).join('\n') + '\n';
}

/**
 * A real executable named `bd` in a fresh folder (returned): records its arguments and cwd,
 * counts its runs, touches $FAKE_BD_TOUCH if set (as bd touches its store), prints
 * $FAKE_BD_DIR/output, exits as told.
 */
const FAKE_BD = `#!/bin/sh
printf '%s\\n' "$*" > "$FAKE_BD_DIR/args"
pwd > "$FAKE_BD_DIR/cwd"
echo run >> "$FAKE_BD_DIR/runs"
if [ -n "$FAKE_BD_TOUCH" ]; then date +%s%N > "$FAKE_BD_TOUCH"; fi
if [ -n "$FAKE_BD_STDERR" ]; then printf '%s\\n' "$FAKE_BD_STDERR" >&2; fi
cat "$FAKE_BD_DIR/output"
exit "\${FAKE_BD_EXIT:-0}"
`;

export async function installFakeBd(): Promise<string> {
  const binDir = await mkdtemp(join(tmpdir(), 'troupe-fake-bd-'));
  await writeFile(join(binDir, 'bd'), FAKE_BD);
  await chmod(join(binDir, 'bd'), 0o755);
  return binDir;
}
