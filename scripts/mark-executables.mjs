// tsc does not keep the executable bit; the two bins must be runnable directly.
import { chmodSync, existsSync } from 'node:fs';

for (const bin of ['../dist/cli/main.js', '../dist/sim-agent/main.js']) {
  const path = new URL(bin, import.meta.url).pathname;
  if (existsSync(path)) chmodSync(path, 0o755);
}
