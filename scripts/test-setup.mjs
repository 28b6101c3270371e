// Installs the large test-only tools (a browser, the real agent CLIs) before the suite runs.
// Each step lives in scripts/setup/ and is cached, so a second run costs next to nothing.
import { readdirSync } from 'node:fs';

const dir = new URL('./setup/', import.meta.url);
const steps = readdirSync(dir).filter((name) => name.endsWith('.mjs')).sort();
for (const step of steps) {
  const started = Date.now();
  const mod = await import(new URL(step, dir).href);
  await mod.default();
  console.log(`test-setup: ${step} ready in ${Date.now() - started} ms`);
}
