import { afterEach, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { randomUUID } from 'node:crypto';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { listLogFiles } from '../../src/logs/log-files.js';
import { join } from 'node:path';
import { tempProject, type TempProject } from '../helpers/temp-project.js';
import { simEnv } from '../helpers/sim-env.js';
import { isAlive, markedProcesses, waitForNoMarkedProcesses } from '../helpers/process-table.js';
import { TROUPE_BIN, troupe, waitForLine } from '../helpers/troupe-cli.js';
import { readProcessIdentity } from '../../src/process/proc-info.js';
import { SIM_AGENT_SCRIPT } from '../../src/paths.js';

let project: TempProject;
const SHUTDOWN_LIMIT_MS = 20_000;
const extraPids: number[] = [];
afterEach(async () => {
  for (const pid of extraPids.splice(0)) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  await project?.cleanup();
});

async function sessionLogs(root: string): Promise<string[]> {
  return (await listLogFiles(root)).map((file) => file.path);
}

describe('troupe itself killed', () => {
  it('kill -9 mid-stream: the log holds every chunk seen, no footer, it lists as interrupted, the orphan is reaped (not a look-alike) and the session resumes', async () => {
    project = await tempProject();
    const mark = randomUUID();
    // A turn of 30 s: the orphan must still be streaming when the resume reaps it (a 4 s turn had ended beside two CPU hogs).
    const env = { ...simEnv(project.simStateDir, { chunks: 3000, delayMs: 10 }, mark), TROUPE_STATE_DIR: join(project.root, 'state') };
    const child = execa(process.execPath, [TROUPE_BIN, 'run', '--json', '--project', project.root, '--backend', 'sim', 'stream a lot'], { env, reject: false });
    const seen: number[] = [];
    // Killed mid-stream: after a few text chunks, however long a loaded machine takes to print them.
    await new Promise<void>((resolve, reject) => {
      let texts = 0;
      waitForLine(child, /(?!)/, (line) => {
        const event = JSON.parse(line) as { type: string; seq?: number };
        if (event.type === 'chunk' && event.seq !== undefined) seen.push(event.seq);
        if (line.includes('"kind":"text"') && ++texts === 4) resolve();
      }).catch(reject);
    });
    child.kill('SIGKILL');
    await child;
    const [orphan] = markedProcesses(mark);
    expect(orphan).toBeGreaterThan(0); // the agent outlived troupe (its own process group)

    const [logPath] = await sessionLogs(project.root);
    const lines = (await readFile(logPath!, 'utf8')).split('\n').filter((l) => l.length > 0);
    const records = lines.map((line) => JSON.parse(line) as { type: string; seq?: number; sessionId?: string });
    expect(records[0]?.type).toBe('header');
    expect(records.some((r) => r.type === 'footer')).toBe(false);
    const logged = new Set(records.filter((r) => r.type === 'chunk').map((r) => r.seq!));
    expect(seen.length).toBeGreaterThan(3);
    for (const seq of seen) expect(logged.has(seq)).toBe(true);
    const sessionId = records[0]!.sessionId!;

    const listed = await troupe(['sessions', '--json', '--all', '--project', project.root], env);
    expect(listed.exitCode, listed.stderr).toBe(0);
    const sessions = JSON.parse(listed.stdout) as Array<{ sessionId?: string; id?: string; status: string }>;
    expect(sessions.find((s) => (s.sessionId ?? s.id) === sessionId)?.status).toBe('interrupted');

    // An unrelated process that happens to hold a registered pid is never touched.
    const lookAlike = execa('sleep', ['60'], { reject: false });
    extraPids.push(lookAlike.pid!);
    const registry = join(project.root, 'state', 'children');
    await mkdir(registry, { recursive: true });
    await writeFile(
      join(registry, `${lookAlike.pid}.json`),
      JSON.stringify({ pid: lookAlike.pid, pgid: lookAlike.pid, startTime: '1', cmdline: [process.execPath, SIM_AGENT_SCRIPT], ownerPid: 999_999, ownerStartTime: '1', sessionId: 'other' }),
    );

    const resumed = await troupe(['resume', sessionId, 'please continue', '--project', project.root], { ...env, TROUPE_SIM_DELAY_MS: '0', TROUPE_SIM_CHUNKS: '3' });
    // What it reaped is said, pid and command; the look-alike is not among it.
    const reapedLines = resumed.stderr.split('\n');
    expect(reapedLines[0]).toMatch(new RegExp(`^troupe: reaped agent process group ${orphan} left by troupe \\d+ \\(session ${sessionId}\\):$`));
    expect(reapedLines.slice(1).every((line) => /^troupe: {3}pid \d+: /.test(line))).toBe(true);
    expect(resumed.stderr).toContain(`pid ${orphan}: ${process.execPath} ${SIM_AGENT_SCRIPT}`);
    expect(resumed.stderr).not.toContain(`pid ${lookAlike.pid}:`);
    expect(resumed.exitCode).toBe(0);
    expect(resumed.stdout.length).toBeGreaterThan(0);
    expect(isAlive(orphan!)).toBe(false);
    expect(isAlive(lookAlike.pid!)).toBe(true);
    expect(readProcessIdentity(lookAlike.pid!)?.cmdline[0]).toBe('sleep');

    const after = (await readFile(logPath!, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { type: string });
    expect(after.filter((r) => r.type === 'header')).toHaveLength(1);
    expect(after.some((r) => r.type === 'resumed')).toBe(true);
    expect(after.at(-1)?.type).toBe('footer');
    expect(await waitForNoMarkedProcesses(mark)).toEqual([]);
  });

  it('SIGTERM to troupe with 20 live sessions stops every agent and finalizes every log', async () => {
    project = await tempProject();
    const mark = randomUUID();
    const env = { ...simEnv(project.simStateDir, { hangAfter: 2 }, mark), TROUPE_STATE_DIR: join(project.root, 'state') };
    // troupe's shutdown: every agent group gets SIGTERM at once, SIGKILL after the grace (2 s here,
    // at most 2 s more to vanish), then the workers write their footers. Beyond 20 s it is stuck,
    // not slow: only then does execa's SIGKILL (5 s by default) end the host.
    const host = execa(process.execPath, [new URL('../fixtures/hold-sessions.mjs', import.meta.url).pathname, project.root, '20'], {
      env,
      reject: false,
      forceKillAfterDelay: SHUTDOWN_LIMIT_MS,
    });
    const ready = await waitForLine(host, /^ready /);
    const pids = ready.split(' ').slice(1).map(Number);
    expect(pids).toHaveLength(20);
    expect(markedProcesses(mark).length).toBeGreaterThanOrEqual(20);
    host.kill('SIGTERM');
    const result = await host;
    expect(result.exitCode, `the host was ended by ${String(result.signal)}: its shutdown took over ${SHUTDOWN_LIMIT_MS} ms`).toBe(143);
    expect(markedProcesses(mark)).toEqual([]);
    const logs = await sessionLogs(project.root);
    expect(logs).toHaveLength(20);
    for (const path of logs) {
      const records = (await readFile(path, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { type: string; reason: string; abnormal?: boolean });
      expect(records.at(-1)).toMatchObject({ type: 'footer', reason: 'shutdown' });
      expect(records.find((r) => r.type === 'exit')).toMatchObject({ abnormal: false, reason: 'stopped' });
    }
  }, 60_000);
});
