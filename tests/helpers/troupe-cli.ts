import { execa, type ResultPromise } from 'execa';
import { distPath } from '../../src/paths.js';

export const TROUPE_BIN = distPath('cli/main.js');

/** Runs the compiled `troupe` command as a real process. */
export function troupe(args: string[], env: Record<string, string> = {}, options: { timeout?: number } = {}): ResultPromise<{ reject: false; env: Record<string, string>; timeout: number }> {
  return execa(process.execPath, [TROUPE_BIN, ...args], { reject: false, env, timeout: options.timeout ?? 60_000 });
}

/** Resolves with the first stdout line that matches, from a running process. */
export function waitForLine(child: { stdout: NodeJS.ReadableStream | null; stderr?: NodeJS.ReadableStream | null }, pattern: RegExp, onLine?: (line: string) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    // What the process said on stderr goes into the failure, so a run that ended early says why.
    let said = '';
    child.stderr?.on('data', (data: Buffer) => (said = (said + data.toString('utf8')).slice(-2000)));
    child.stdout?.on('data', (data: Buffer) => {
      buffer += data.toString('utf8');
      let newline = buffer.indexOf('\n');
      while (newline !== -1) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        onLine?.(line);
        if (pattern.test(line)) resolve(line);
        newline = buffer.indexOf('\n');
      }
    });
    child.stdout?.on('end', () => reject(new Error(`stdout ended before a line matched ${pattern}${said ? `; stderr: ${said.trim()}` : ''}`)));
  });
}
