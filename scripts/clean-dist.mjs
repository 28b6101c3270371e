// Removes compiled server-side output so deleted sources leave no stale JS behind (keeps the UI build).
import { readdirSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const dist = new URL('../dist/', import.meta.url).pathname;
if (existsSync(dist)) {
  for (const entry of readdirSync(dist)) {
    if (entry !== 'ui') rmSync(join(dist, entry), { recursive: true, force: true });
  }
}
