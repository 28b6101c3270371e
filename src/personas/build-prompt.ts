/** The first prompt of a session: the persona's template for the task, filled in. */
import { basename } from 'node:path';
import { troupeError } from '../errors/troupe-error.js';
import { TASK_KINDS, type TaskKind } from '../protocol/ids.js';
import { beadBlock, hasBead } from './bead-block.js';
import { beadTypeSegment } from './persona-id.js';
import { getPersona } from './registry.js';
import { placeholdersIn, renderTemplate } from './render-template.js';
import { resolveTemplate } from './resolve-template.js';
import type { BuildPromptOptions, BuiltPrompt, PersonaInfo } from './types.js';
import { quoted } from '../text/quoted.js';

const NO_USER_PROMPT = '(no further instructions)';
const BEAD_PLACEHOLDERS = ['bead', 'bead.id', 'bead.title', 'bead.type'];

function chooseTask(persona: PersonaInfo, requested: string | undefined, onBead: boolean): TaskKind {
  if (requested === undefined) {
    // Without a bead there is nothing to implement, split or verify: talk instead.
    return !onBead && persona.tasks.includes('chat') ? 'chat' : persona.defaultTask;
  }
  const task = persona.tasks.find((known) => known === requested);
  if (task === undefined) {
    const what = (TASK_KINDS as readonly string[]).includes(requested) ? 'no task' : 'unknown task';
    throw troupeError(
      'UNKNOWN_TASK',
      `${what} ${quoted(requested)} for persona ${quoted(persona.id)}; valid: ${persona.tasks.join(', ')}`,
    );
  }
  return task;
}

export async function buildPrompt(options: BuildPromptOptions): Promise<BuiltPrompt> {
  const persona = await getPersona(options.projectRoot, options.persona);
  const onBead = hasBead(options);
  const task = chooseTask(persona, options.task, onBead);
  const beadType = beadTypeSegment(options.beadType);
  const template = await resolveTemplate(options.projectRoot, persona.id, task, beadType);

  const userPrompt = options.userPrompt?.trim() ?? '';
  const bead = beadBlock(options);
  const values: Record<string, string> = {
    prompt: userPrompt === '' ? NO_USER_PROMPT : userPrompt,
    bead,
    // Without a bead, ids in commands read as a slot for the agent to fill (`bd show <bead-id>`).
    'bead.id': options.beadId?.trim() || '<bead-id>',
    'bead.title': options.beadTitle?.trim() || '(no bead)',
    'bead.type': beadType ?? '(none)',
    persona: persona.displayName,
    task,
    project: options.projectRoot === undefined ? 'this project' : basename(options.projectRoot),
  };

  // A project template may leave out a placeholder; the user's words and the bead are never dropped.
  const used = placeholdersIn(template.text);
  let prompt = renderTemplate(template.text, values).trimEnd();
  if (onBead && !BEAD_PLACEHOLDERS.some((name) => used.has(name))) prompt += `\n\n${bead}`;
  if (userPrompt !== '' && !used.has('prompt')) prompt += `\n\n${userPrompt}`;

  return { prompt, persona: persona.id, task, templatePath: template.path, permissions: persona.permissions };
}
