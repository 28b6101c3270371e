// The real agent CLIs, pinned, for the contract tests: installed from the npm registry into
// .cache/agent-clis/ (gitignored), once per set of versions. Install scripts are skipped
// (npm is moving to not running them, and node-pty's would need a compiler): the binaries are
// resolved here from the platform packages instead, and linked into .cache/agent-clis/bin/.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Exact versions the contract tests run against; bump here and in src/backends/tested-versions.ts. */
export const AGENT_CLI_PINS = {
  claude: { pkg: '@anthropic-ai/claude-code', version: '2.1.329' },
  gemini: { pkg: '@google/gemini-cli', version: '0.61.0' },
  codex: { pkg: '@openai/codex', version: '0.169.0' },
};

export const CACHE_DIR = fileURLToPath(new URL('../../.cache/agent-clis/', import.meta.url));
export const STAMP_PATH = join(CACHE_DIR, 'stamp.json');
export const BIN_PATHS_PATH = join(CACHE_DIR, 'bin-paths.json');

const modulesDir = join(CACHE_DIR, 'node_modules');

function isMusl() {
  // glibc builds of Node report the runtime glibc version; musl builds do not.
  const header = process.report?.getReport?.().header;
  return !header?.glibcVersionRuntime;
}

/** Claude Code's wrapper package only holds a stub; the native binary is in a per-platform package. */
function claudeBinary() {
  const base = `${process.platform}-${process.arch}`;
  const candidates = process.platform === 'linux' && isMusl() ? [`${base}-musl`, base] : [base, `${base}-musl`];
  for (const suffix of candidates) {
    const path = join(modulesDir, `${AGENT_CLI_PINS.claude.pkg}-${suffix}`, 'claude');
    if (existsSync(path)) return path;
  }
  throw new Error(`agent-clis: no Claude Code native binary for ${base} in ${modulesDir}`);
}

/** Codex's bin is a plain Node launcher that finds its platform package's Rust binary itself. */
function codexBinary() {
  const launcher = join(modulesDir, '@openai/codex/bin/codex.js');
  if (!existsSync(launcher)) throw new Error(`agent-clis: ${launcher} is missing`);
  const triple = { x64: 'x86_64', arm64: 'aarch64' }[process.arch];
  const native = join(modulesDir, `@openai/codex-${process.platform}-${process.arch}`, 'vendor', `${triple}-unknown-linux-musl`, 'bin', 'codex');
  if (process.platform === 'linux' && !existsSync(native)) {
    throw new Error(`agent-clis: Codex's native binary is missing (${native})`);
  }
  return launcher;
}

/** Gemini CLI is one bundled JS file. */
function geminiBinary() {
  const path = join(modulesDir, '@google/gemini-cli/bundle/gemini.js');
  if (!existsSync(path)) throw new Error(`agent-clis: ${path} is missing`);
  return path;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

function pinsKey() {
  return Object.values(AGENT_CLI_PINS).map(({ pkg, version }) => `${pkg}@${version}`);
}

function linkBins(paths) {
  const binDir = join(CACHE_DIR, 'bin');
  rmSync(binDir, { recursive: true, force: true });
  mkdirSync(binDir, { recursive: true });
  for (const [name, target] of Object.entries(paths)) {
    chmodSync(target, 0o755);
    symlinkSync(relative(binDir, target), join(binDir, name));
  }
  return binDir;
}

function writeBinPaths() {
  const paths = { claude: claudeBinary(), gemini: geminiBinary(), codex: codexBinary() };
  const binDir = linkBins(paths);
  const versions = Object.fromEntries(Object.entries(AGENT_CLI_PINS).map(([id, pin]) => [id, pin.version]));
  writeFileSync(BIN_PATHS_PATH, `${JSON.stringify({ binDir, ...paths, versions }, null, 2)}\n`);
}

function binariesPresent() {
  const recorded = readJson(BIN_PATHS_PATH);
  return Boolean(recorded) && ['claude', 'gemini', 'codex'].every((id) => typeof recorded[id] === 'string' && existsSync(recorded[id]));
}

export default async function ensureAgentClis() {
  const wanted = pinsKey();
  const stamp = readJson(STAMP_PATH);
  const cached = stamp && JSON.stringify(stamp.packages) === JSON.stringify(wanted);
  if (cached && binariesPresent()) return;
  if (!cached) {
    const started = Date.now();
    rmSync(CACHE_DIR, { recursive: true, force: true });
    mkdirSync(CACHE_DIR, { recursive: true });
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    execFileSync(
      npm,
      ['install', '--prefix', CACHE_DIR, '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel', 'error', ...wanted],
      // The CLIs' own engines fields (Claude asks for Node 22) concern their JS wrappers, not the binaries run here.
      { stdio: 'inherit', env: { ...process.env, npm_config_engine_strict: 'false' } },
    );
    writeFileSync(STAMP_PATH, `${JSON.stringify({ packages: wanted, installMs: Date.now() - started }, null, 2)}\n`);
  }
  writeBinPaths();
}

// Runnable alone: `node scripts/setup/agent-clis.mjs`.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await ensureAgentClis();
  console.log(readFileSync(BIN_PATHS_PATH, 'utf8'));
}
