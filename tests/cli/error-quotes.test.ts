/** Values in troupe's error messages are quoted one way, commander's own errors included. */
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { tempProject, type TempProject } from '../helpers/temp-project.js';
import { troupe } from '../helpers/troupe-cli.js';

let project: TempProject;
afterEach(async () => project?.cleanup());

describe('error messages', () => {
  it('quote every value in double quotes, never single ones', async () => {
    project = await tempProject();
    const env = { TROUPE_STATE_DIR: join(project.root, 'state') };
    const cases: [string[], RegExp][] = [
      [['serve', '--port', 'abc'], /^troupe: option "--port <n>" argument "abc" is invalid/],
      [['sessions', '--nope'], /^troupe: unknown option "--nope"/],
      [['run', '--project', project.root, '--backend', 'nope', 'hi'], /^troupe: unknown backend "nope"; valid backends:/],
      [['run', '--project', project.root, '--persona', 'nobody', 'hi'], /^troupe: unknown persona "nobody"; valid:/],
      [['logs', '--project', project.root, 'zzzz'], /^troupe: No session log for "zzzz" under/],
      [['beads', '--project', join(project.root, 'missing')], /^troupe: --project ".*missing": .* does not exist$/],
    ];
    for (const [args, expected] of cases) {
      const result = await troupe(args, env);
      expect(result.exitCode, args.join(' ')).toBe(1);
      const first = result.stderr.split('\n').find((line) => line.startsWith('troupe: ')) ?? result.stderr;
      expect(first, args.join(' ')).toMatch(expected);
      expect(first, args.join(' ')).not.toMatch(/'[^']*'/);
    }
  });
});
