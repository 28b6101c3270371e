/** Spawns the compiled simulated agent as a real process and collects what it writes. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SIM_AGENT_SCRIPT } from '../../src/paths.js';

export const STREAM_FLAGS = ['--output-format', 'stream-json', '--verbose'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

export interface SimResult {
  stdout: Buffer;
  /** stdout split into lines (without the newline), as UTF-8 text. */
  lines: string[];
  /** The lines that are JSON objects, parsed. */
  events: Json[];
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface SimOptions {
  env?: Record<string, string>;
  stdin?: string;
  cwd?: string;
}

export function requireBuild(): void {
  if (!existsSync(SIM_AGENT_SCRIPT)) throw new Error(`${SIM_AGENT_SCRIPT} is missing: run npm run build:node first`);
}

/** A fresh state dir and cwd per test, removed by `cleanup`. */
export function tempDirs(): { stateDir: string; cwd: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'sim-agent-test-'));
  return {
    stateDir: join(root, 'state'),
    cwd: root,
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

export function parseLines(stdout: Buffer): { lines: string[]; events: Json[] } {
  const lines = stdout.toString('utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  const events: Json[] = [];
  for (const line of lines) {
    try {
      const value: unknown = JSON.parse(line);
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) events.push(value as Json);
    } catch {
      // garbage lines are expected with the garbage knob
    }
  }
  return { lines, events };
}

export function startSim(args: string[], options: SimOptions = {}): ChildProcess {
  requireBuild();
  return spawn(process.execPath, [SIM_AGENT_SCRIPT, ...args], {
    cwd: options.cwd,
    env: { ...process.env, TROUPE_SIM_DELAY_MS: '0', ...options.env },
    stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
}

/** Collects a started process's output until it exits. */
export function collect(child: ChildProcess): Promise<SimResult> {
  const out: Buffer[] = [];
  let stderr = '';
  child.stdout?.on('data', (data: Buffer) => out.push(data));
  child.stderr?.on('data', (data: Buffer) => (stderr += data.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const stdout = Buffer.concat(out);
      resolve({ stdout, ...parseLines(stdout), stderr, code, signal });
    });
  });
}

export function runSim(args: string[], options: SimOptions = {}): Promise<SimResult> {
  const child = startSim(args, options);
  const done = collect(child);
  if (options.stdin !== undefined) child.stdin?.end(options.stdin);
  return done;
}

/** Resolves once stdout has carried a line for which `test` holds. */
export function waitForLine(child: ChildProcess, test: (event: Json) => boolean): Promise<Json> {
  return new Promise((resolve, reject) => {
    let pending = '';
    const onData = (data: Buffer) => {
      pending += data.toString('utf8');
      let newline = pending.indexOf('\n');
      while (newline !== -1) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        newline = pending.indexOf('\n');
        let event: Json | undefined;
        try {
          event = JSON.parse(line) as Json;
        } catch {
          continue;
        }
        if (event && test(event)) {
          child.stdout?.off('data', onData);
          resolve(event);
          return;
        }
      }
    };
    child.stdout?.on('data', onData);
    child.on('close', () => reject(new Error('the agent exited before the line came')));
  });
}

/** Resolves once stderr has carried text containing `needle`. */
export function waitForStderr(child: ChildProcess, needle: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (data: Buffer) => {
      seen += data.toString('utf8');
      if (seen.includes(needle)) {
        child.stderr?.off('data', onData);
        resolve();
      }
    };
    child.stderr?.on('data', onData);
    child.on('close', () => reject(new Error(`the agent exited before writing ${needle} to stderr`)));
  });
}

export const isInit = (e: Json) => e.type === 'system' && e.subtype === 'init';
export const isResult = (e: Json) => e.type === 'result';
export const textBlocks = (events: Json[]): string[] =>
  events
    .filter((e) => e.type === 'assistant')
    .flatMap((e) => (e.message.content as Json[]).filter((b) => b.type === 'text').map((b) => b.text as string));
export const toolUses = (events: Json[]): Json[] =>
  events.filter((e) => e.type === 'assistant').flatMap((e) => (e.message.content as Json[]).filter((b) => b.type === 'tool_use'));
