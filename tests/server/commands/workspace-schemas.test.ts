import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../src/server/command-schema.js';

const parse = (value: unknown) => parseCommand(JSON.stringify(value));

describe('the workspace commands on the wire', () => {
  it('accepts each with its session', () => {
    for (const type of ['workspace-diff', 'workspace-merge', 'workspace-keep']) expect(parse({ id: 1, type, sessionId: 's-1' })).toEqual({ ok: true, id: 1, command: { type, sessionId: 's-1' } });
    expect(parse({ type: 'workspace-commit', sessionId: 's-1', message: '  shop-1: done  ' })).toMatchObject({ ok: true, command: { message: 'shop-1: done' } });
    expect(parse({ type: 'workspace-commit', sessionId: 's-1' })).toMatchObject({ ok: true });
  });

  it('discards only with the confirmation that the person saw what is lost', () => {
    expect(parse({ type: 'workspace-discard', sessionId: 's-1', confirm: true })).toMatchObject({ ok: true });
    for (const confirm of [undefined, false, 'yes', 1]) {
      const parsed = parse({ type: 'workspace-discard', sessionId: 's-1', confirm });
      expect(parsed).toMatchObject({ ok: false, error: { code: 'INVALID_COMMAND' } });
      if (!parsed.ok) expect(parsed.error.message).toContain('confirm');
    }
  });

  it('refuses an empty or huge commit message, a path, and any field it does not know', () => {
    expect(parse({ type: 'workspace-commit', sessionId: 's-1', message: '   ' })).toMatchObject({ ok: false, error: { code: 'INVALID_COMMAND' } });
    expect(parse({ type: 'workspace-commit', sessionId: 's-1', message: 'x'.repeat(10_001) })).toMatchObject({ ok: false });
    expect(parse({ type: 'workspace-merge', sessionId: 's-1', path: '/etc' })).toMatchObject({ ok: false, error: { code: 'INVALID_COMMAND' } });
    expect(parse({ type: 'workspace-merge', sessionId: 's-1', into: 'main' })).toMatchObject({ ok: false });
    expect(parse({ type: 'start', spec: { backend: 'sim', persona: 'specialist', workspace: 'elsewhere' } })).toMatchObject({ ok: false });
    expect(parse({ type: 'start', spec: { backend: 'sim', persona: 'specialist', workspace: 'none' } })).toMatchObject({ ok: true });
  });
});
