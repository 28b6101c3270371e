/**
 * The agent CLI versions troupe's contract tests run against (the real CLIs, offline, against
 * mock APIs). A version outside a range may still work; `troupe doctor` says it was not tested.
 * The exact pins live in scripts/setup/agent-clis.mjs, which installs them for the tests.
 */
import type { BackendId } from '../protocol/index.js';

export type RealCliId = Exclude<BackendId, 'sim'>;

export interface TestedRange {
  /** npm package of the CLI. */
  npmPackage: string;
  /** The exact version the contract tests last passed with. */
  tested: string;
  /** Lowest version in the range (inclusive). */
  min: string;
  /** First version above the range (exclusive). */
  below: string;
  /** How people say it: "2.1.x". */
  label: string;
}

export const TESTED_VERSIONS: Record<RealCliId, TestedRange> = {
  claude: { npmPackage: '@anthropic-ai/claude-code', tested: '2.1.329', min: '2.1.0', below: '2.2.0', label: '2.1.x' },
  gemini: { npmPackage: '@google/gemini-cli', tested: '0.61.0', min: '0.60.0', below: '0.70.0', label: '0.6x' },
  codex: { npmPackage: '@openai/codex', tested: '0.169.0', min: '0.160.0', below: '0.170.0', label: '0.16x' },
};

export type VersionVerdict = 'tested' | 'in-range' | 'outside-range' | 'unknown';

export interface VersionCheck {
  verdict: VersionVerdict;
  /** One line for people; a warning when the verdict is outside-range or unknown. */
  message: string;
}

const SEMVER = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?/;

interface Parsed {
  core: [number, number, number];
  prerelease?: string;
}

function parse(version: string): Parsed | undefined {
  const match = SEMVER.exec(version.trim());
  if (!match) return undefined;
  const parsed: Parsed = { core: [Number(match[1]), Number(match[2]), Number(match[3])] };
  if (match[4]) parsed.prerelease = match[4];
  return parsed;
}

/** Semver order of two versions (a prerelease sorts before its release); undefined if either is not semver. */
export function compareVersions(a: string, b: string): number | undefined {
  const left = parse(a);
  const right = parse(b);
  if (!left || !right) return undefined;
  for (let i = 0; i < 3; i += 1) {
    const diff = left.core[i]! - right.core[i]!;
    if (diff !== 0) return Math.sign(diff);
  }
  if (left.prerelease === right.prerelease) return 0;
  if (left.prerelease === undefined) return 1;
  if (right.prerelease === undefined) return -1;
  return left.prerelease < right.prerelease ? -1 : 1;
}

export function isRealCli(id: string): id is RealCliId {
  return Object.hasOwn(TESTED_VERSIONS, id);
}

/** Is this CLI version inside the range the contract tests cover? */
export function checkTestedVersion(id: RealCliId, version: string | undefined): VersionCheck {
  const range = TESTED_VERSIONS[id];
  const tested = `tested: ${range.label} (last ${range.tested})`;
  if (!version) return { verdict: 'unknown', message: `version unknown; ${tested}` };
  const low = compareVersions(version, range.min);
  const high = compareVersions(version, range.below);
  if (low === undefined || high === undefined) {
    return { verdict: 'unknown', message: `version '${version}' is not a semver; ${tested}` };
  }
  if (compareVersions(version, range.tested) === 0) return { verdict: 'tested', message: "the version troupe's contract tests run" };
  if (low >= 0 && high < 0) return { verdict: 'in-range', message: `inside the tested range (${tested})` };
  const side = low < 0 ? 'older than' : 'newer than';
  return {
    verdict: 'outside-range',
    message: `${version} is ${side} the tested range ${range.label} (last tested ${range.tested}); it may work, but its output format was not checked: npm install -g ${range.npmPackage}@${range.tested}`,
  };
}
