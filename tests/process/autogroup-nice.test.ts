import { describe, expect, it, afterEach } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { agentNiceFor, MAX_AGENT_NICE, setAutogroupNice } from '../../src/process/autogroup-nice.js';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

describe('agentNiceFor', () => {
  it('gives one agent nice 0 and 100 agents nice 19, and never less nice for more agents', () => {
    expect(agentNiceFor(0)).toBe(0);
    expect(agentNiceFor(1)).toBe(0);
    expect(agentNiceFor(2)).toBe(3); // weight 526, about half of 1024
    expect(agentNiceFor(4)).toBe(6); // 272, about a quarter
    expect(agentNiceFor(10)).toBe(10); // 110
    expect(agentNiceFor(100)).toBe(MAX_AGENT_NICE);
    expect(agentNiceFor(1000)).toBe(MAX_AGENT_NICE);
    for (let n = 1; n < 200; n += 1) expect(agentNiceFor(n + 1)).toBeGreaterThanOrEqual(agentNiceFor(n));
  });
});

describe('setAutogroupNice', () => {
  it("sets the autogroup nice of a process in its own session, down and back up, and says false for a gone pid", async () => {
    const child = spawn('sleep', ['30'], { detached: true, stdio: 'ignore' });
    children.push(child);
    const pid = child.pid!;
    const niceOf = async () => Number(/nice (-?\d+)/.exec(await readFile(`/proc/${pid}/autogroup`, 'utf8'))?.[1]);
    expect(await setAutogroupNice(pid, 19)).toBe(true);
    expect(await niceOf()).toBe(19);
    // Back to 0 needs no privilege (only a negative nice does).
    expect(await setAutogroupNice(pid, 0)).toBe(true);
    expect(await niceOf()).toBe(0);
    const pidMax = Number(await readFile('/proc/sys/kernel/pid_max', 'utf8'));
    expect(await setAutogroupNice(pidMax + 1, 5)).toBe(false);
  });
});
