/**
 * Calm markdown prose about the prompt: a short plan, findings, bullet points, now and then a
 * code block, and a summary. Each section is one text chunk and ends with a blank line, so the
 * chunks read as one answer when joined.
 */
import type { Rng } from './rng.js';

export interface Memory {
  /** User messages earlier in this conversation. */
  earlier: number;
  previous?: string;
}

const STEPS = [
  'Get a feel for how the project is laid out',
  'Read the code closest to the change',
  'Check how the existing tests cover this',
  'Make one small, focused change',
  'Run the checks and read what they say',
  'Note what is left for a follow-up',
];
const AREAS = ['the session layer', 'the config loader', 'the storage code', 'the request handling', 'the CLI entry', 'the test setup'];
const OBSERVATIONS = [
  'The naming is consistent, so the change should read naturally next to the existing code.',
  'Most of the logic already lives in one module, which keeps the diff small.',
  'The error paths are explicit, which makes it easy to see what a caller gets back.',
  'There is a helper that already does half of this; I will reuse it rather than add a second one.',
  'The tests here spawn real processes, so they will tell us quickly if something is off.',
];
const NOTES = [
  'Keep the public function signatures unchanged',
  'Bad input should fail with a message that names the field',
  'No new dependencies are needed for this',
  'The change is safe to roll back on its own',
  'Logging stays at the same level as the code around it',
  'Edge cases: empty input, very long input, and a missing file',
  'Timeouts are already handled one layer up',
];
const RISKS = [
  ['a caller might rely on the old ordering', 'check every call site before changing it'],
  ['the cache could hold a stale entry', 'clear it in the same place the entry is written'],
  ['two sessions could race on the same file', 'write to a temp file and rename it'],
  ['the test data may not cover Unicode input', 'add one case with non-ASCII text'],
] as const;
const NEXT = [
  "Next, I'd add a test for the empty-input case.",
  "Next, I'd run the full check suite once more and then open a small pull request.",
  "Next, I'd ask for a quick review of the error messages before going further.",
  "If this looks right to you, I'll carry on with the follow-up items.",
];
const FUNCTIONS = [
  { name: 'normalizeTitle', sig: 'title: string): string', body: 'return title.trim().replace(/\\s+/g, " ");' },
  { name: 'isExpired', sig: 'expiresAt: number, now = Date.now()): boolean', body: 'return expiresAt <= now;' },
  { name: 'pickLatest', sig: 'items: { at: number }[]): number', body: 'return items.reduce((max, item) => Math.max(max, item.at), 0);' },
  { name: 'splitLines', sig: 'text: string): string[]', body: "return text.split('\\n').filter((line) => line !== '');" },
];

const BEAD_HEADING = /^#+\s*Bead\s+\S+:\s*(.+)$/;
const REQUEST_HEADING = /^#+\s*(extra instructions|the user says|request|the request|message)\b/i;

/**
 * A short, single-line name for what the prompt is about: the bead's title when troupe's persona
 * prompt names one, else the user's own request, else the first line.
 */
export function topicOf(prompt: string): string {
  const lines = prompt.split('\n');
  const bead = lines.map((line) => BEAD_HEADING.exec(line.trim())).find((match) => match !== null);
  const requestAt = lines.findIndex((line) => REQUEST_HEADING.test(line.trim()));
  const section = requestAt >= 0 ? lines.slice(requestAt + 1) : [];
  const sectionEnd = section.findIndex((line) => line.trim().startsWith('#'));
  const request = (sectionEnd >= 0 ? section.slice(0, sectionEnd) : section).find((line) => line.trim() !== '');
  const firstLine = bead?.[1] ?? request ?? lines.find((line) => line.trim() !== '') ?? '';
  const plain = firstLine.replace(/[`*_#>]/g, '').replace(/\s+/g, ' ').trim();
  if (plain === '') return 'this task';
  if (plain.length <= 60) return plain.replace(/[.!?:]+$/, '');
  const cut = plain.slice(0, 60);
  const space = cut.lastIndexOf(' ');
  return `${space > 20 ? cut.slice(0, space) : cut}...`;
}

function quote(text: string): string {
  const single = text.replace(/\s+/g, ' ').trim();
  return single.length <= 80 ? single : `${single.slice(0, 77)}...`;
}

export function memoryLine(memory: Memory): string {
  if (memory.earlier === 0) return '';
  const count = `${memory.earlier} earlier user message${memory.earlier === 1 ? '' : 's'}`;
  const last = memory.previous !== undefined ? `; the last one was "${quote(memory.previous)}"` : '';
  return `Picking up where we left off: this conversation has ${count}${last}.\n\n`;
}

function pickSome<T>(rng: Rng, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length > 0) out.push(pool.splice(rng.int(0, pool.length - 1), 1)[0] as T);
  return out;
}

export function openingSection(rng: Rng, topic: string, memory: Memory): string {
  const lead = rng.pick([
    `I'll take a careful look at **${topic}**. Here's the plan:`,
    `Let me work through **${topic}** step by step.`,
    `Good question. For **${topic}**, this is how I'll go about it:`,
  ]);
  // Steps keep their natural order: look, read, change, check.
  const steps = pickSome(rng, STEPS, 3)
    .sort((a, b) => STEPS.indexOf(a) - STEPS.indexOf(b))
    .map((step, i) => `${i + 1}. ${step}.`);
  return `${memoryLine(memory)}${lead}\n\n${steps.join('\n')}\n\n`;
}

const MIDDLE_SECTIONS: ((rng: Rng, topic: string) => string)[] = [
  (rng) => {
    const [a, b] = pickSome(rng, AREAS, 2);
    return `Looking at the layout, ${a} sits apart from ${b}, which keeps this change contained. ${rng.pick(OBSERVATIONS)}\n\n`;
  },
  (rng) => `A few things worth keeping in mind:\n\n${pickSome(rng, NOTES, 3).map((n) => `- ${n}`).join('\n')}\n\n`,
  (rng) => {
    const fn = rng.pick(FUNCTIONS);
    return `Here is the shape I have in mind:\n\n\`\`\`ts\nexport function ${fn.name}(${fn.sig} {\n  ${fn.body}\n}\n\`\`\`\n\n`;
  },
  (rng) => {
    const [risk, plan] = rng.pick(RISKS);
    return `One risk: ${risk}. I'll ${plan}.\n\n`;
  },
  (rng) => `Progress so far: ${rng.int(2, 5)} files touched, nothing outside ${rng.pick(AREAS)}, and the existing checks still pass.\n\n`,
  (rng, topic) => `For ${topic}, the simplest version that works is also the easiest to review, so I'll keep it that way. ${rng.pick(OBSERVATIONS)}\n\n`,
];

/** A middle section, not one of `used` while unused ones remain (`used` is updated). */
export function middleSection(rng: Rng, topic: string, used: Set<number>): string {
  if (used.size >= MIDDLE_SECTIONS.length) used.clear();
  const fresh = MIDDLE_SECTIONS.map((_, i) => i).filter((i) => !used.has(i));
  const index = rng.pick(fresh);
  used.add(index);
  return (MIDDLE_SECTIONS[index] as (r: Rng, t: string) => string)(rng, topic);
}

export function summarySection(rng: Rng, topic: string): string {
  return `That covers **${topic}**. ${rng.pick(NEXT)}\n\n`;
}

/** Filler for chunks that must reach a given size. */
export function fillerSentence(rng: Rng): string {
  return `${rng.pick(OBSERVATIONS)} `;
}
