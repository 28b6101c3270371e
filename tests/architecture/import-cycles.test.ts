import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { cycles, importGraph } from './import-graph.js';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));
const graph = importGraph(SRC);

function importers(folder: string, forbidden: string[]): string[] {
  const offending: string[] = [];
  for (const [file, targets] of graph) {
    if (!file.startsWith(`${folder}/`)) continue;
    for (const target of targets) if (forbidden.some((f) => target.startsWith(`${f}/`))) offending.push(`${file} -> ${target}`);
  }
  return offending;
}

describe('the shape of src/', () => {
  it('reads a real graph', () => {
    expect(graph.size).toBeGreaterThan(200);
    expect(graph.get('supervisor/supervisor.ts')).toContain('session/apply-session-event.ts');
  });

  it('has no import cycles, type imports included', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    expect(cycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c']]);
  });

  it('keeps the boundaries of the architecture', () => {
    // Workers and supervisor share only the protocol (and leaf modules), never each other's internals.
    expect(importers('workers', ['supervisor', 'server', 'ui', 'cli'])).toEqual([]);
    expect(importers('supervisor', ['workers', 'server', 'ui', 'cli'])).toEqual([]);
    for (const leaf of ['backends', 'personas', 'permissions', 'beads', 'logs', 'protocol', 'session', 'workspaces']) {
      expect(importers(leaf, ['supervisor', 'server', 'ui', 'cli', 'workers'])).toEqual([]);
    }
    expect(importers('ui', ['server', 'supervisor', 'workers', 'cli', 'logs', 'backends'])).toEqual([]);
  });
});
