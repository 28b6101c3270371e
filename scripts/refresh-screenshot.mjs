#!/usr/bin/env node
// Makes docs/dashboard.png, the README's screenshot, again: builds troupe, then runs the browser
// test that photographs the demo (tests/ui/readme-screenshot.test.ts) with the copy switched on.
import { execFileSync } from 'node:child_process';

const run = (command, args, env = {}) => execFileSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
run('npm', ['run', 'build']);
run('npx', ['vitest', 'run', 'tests/ui/readme-screenshot.test.ts'], { TROUPE_README_SCREENSHOT: '1' });
console.log('docs/dashboard.png refreshed');
