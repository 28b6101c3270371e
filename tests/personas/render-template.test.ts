import { describe, expect, it } from 'vitest';
import { placeholdersIn, renderTemplate } from '../../src/personas/render-template.js';

describe('renderTemplate', () => {
  const values = { prompt: 'hello', 'bead.id': 'bp6-1', persona: 'Specialist' };

  it('replaces known placeholders, with or without inner spaces, as often as they occur', () => {
    expect(renderTemplate('{{persona}}: {{ prompt }} / {{prompt}} ({{bead.id}})', values)).toBe(
      'Specialist: hello / hello (bp6-1)',
    );
  });

  it('leaves unknown placeholders visible', () => {
    expect(renderTemplate('{{prompt}} {{nope}} {{bead.design}} {{ }} {{1x}}', values)).toBe(
      'hello {{nope}} {{bead.design}} {{ }} {{1x}}',
    );
  });

  it('inserts values verbatim: no second pass, no replacement patterns, no evaluation', () => {
    const hostile = { prompt: '{{persona}} $& $1 $$ ${process.exit()} `x`', persona: 'P' };
    expect(renderTemplate('[{{prompt}}] {{persona}}', hostile)).toBe('[{{persona}} $& $1 $$ ${process.exit()} `x`] P');
  });

  it('does not read inherited properties as values', () => {
    expect(renderTemplate('{{constructor}} {{toString}} {{__proto__}}', {})).toBe('{{constructor}} {{toString}} {{__proto__}}');
  });

  it('lists the placeholders a template uses', () => {
    expect([...placeholdersIn('a {{prompt}} {{ bead.id }} {{prompt}}')]).toEqual(['prompt', 'bead.id']);
  });
});
