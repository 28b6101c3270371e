/** The personas shipped with troupe; their templates are in `personas/<id>/`. */
import { builtinPersonaIcon, TASK_KINDS } from '../protocol/ids.js';
import { builtinPermissions, copyPolicy } from './persona-permissions.js';
import type { PersonaInfo } from './types.js';

function builtIn(info: Omit<PersonaInfo, 'icon' | 'tasks' | 'source' | 'permissions'>): PersonaInfo {
  const tasks = Object.freeze([...TASK_KINDS]) as PersonaInfo['tasks'];
  const permissions = Object.freeze(builtinPermissions(info.id));
  return Object.freeze({ ...info, icon: builtinPersonaIcon(info.id), tasks, source: 'built-in', permissions });
}

export const BUILTIN_PERSONAS: readonly PersonaInfo[] = [
  builtIn({
    id: 'product-manager',
    displayName: 'Product manager',
    description: 'Shapes the work: clarifies scope and splits a bead into child beads with acceptance criteria.',
    defaultTask: 'decompose',
  }),
  builtIn({
    id: 'qa-engineer',
    displayName: 'QA engineer',
    description: 'Checks the work: verifies each acceptance criterion with evidence and files what fails.',
    defaultTask: 'verify',
  }),
  builtIn({
    id: 'specialist',
    displayName: 'Specialist',
    description: 'Does the work: implements a bead in the code base, with tests, and reports what changed.',
    defaultTask: 'implement',
  }),
];

/** A persona callers may change without touching the registry. */
export function copyPersona(persona: PersonaInfo): PersonaInfo {
  return { ...persona, tasks: [...persona.tasks], permissions: copyPolicy(persona.permissions) };
}

export function findBuiltinPersona(id: string): PersonaInfo | undefined {
  return BUILTIN_PERSONAS.find((persona) => persona.id === id);
}
