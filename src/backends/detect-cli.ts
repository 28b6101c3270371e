/** Installed or not, and which version: locate on PATH, then `<binary> --version`. */
import { execFile } from 'node:child_process';
import type { BackendId } from '../protocol/index.js';
import { locateBinary } from './locate-binary.js';
import type { BackendStatus } from './types.js';

/**
 * A CLI that takes longer than this to print its version is reported, not waited for. Gemini CLI
 * 0.61 loads its whole bundle for --version (about 1 s of CPU, more on a first run in a new HOME):
 * on a busy machine that took over 5 s, hence the margin.
 */
export const VERSION_TIMEOUT_MS = 15_000;

const SEMVER = /\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?/;

/** The semver in a `--version` output ("2.1.3 (Claude Code)", "codex-cli 0.50.0"), else its first line. */
export function parseVersion(output: string): string | undefined {
  const match = SEMVER.exec(output);
  if (match) return match[0];
  const first = output.split('\n').find((l) => l.trim() !== '');
  return first?.trim().slice(0, 100);
}

export function runVersion(path: string, env: NodeJS.ProcessEnv, timeoutMs = VERSION_TIMEOUT_MS): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      path,
      ['--version'],
      { env, timeout: timeoutMs, killSignal: 'SIGKILL', windowsHide: true, maxBuffer: 64 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          const why = error.killed ? `no answer within ${timeoutMs} ms` : (stderr.trim() || error.message);
          reject(new Error(why.slice(0, 300)));
        } else {
          resolve(stdout.trim() || stderr.trim());
        }
      },
    );
  });
}

export interface CliIdentity {
  id: BackendId;
  binary: string;
  installHint: string;
}

export async function detectCli(cli: CliIdentity, env: NodeJS.ProcessEnv = process.env): Promise<BackendStatus> {
  const path = await locateBinary(cli.binary, env);
  if (!path) {
    return { id: cli.id, installed: false, error: `${cli.binary} not found on PATH. Install it: ${cli.installHint}` };
  }
  try {
    const version = parseVersion(await runVersion(path, env));
    return version ? { id: cli.id, installed: true, path, version } : { id: cli.id, installed: true, path };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { id: cli.id, installed: true, path, error: `${cli.binary} --version failed: ${message}` };
  }
}
