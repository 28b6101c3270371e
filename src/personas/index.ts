/** Personas: who the agent is asked to be, and the prompt templates for each task. */
export { BUILTIN_PERSONAS } from './builtin-personas.js';
export { buildPrompt } from './build-prompt.js';
export { buildResumePrompt } from './resume-prompt.js';
export { getPersona, listPersonas } from './registry.js';
export { BUILTIN_PERSONAS_DIR, projectPersonasDir } from './locations.js';
export { renderTemplate } from './render-template.js';
export type { BuildPromptOptions, BuiltPrompt, PersonaInfo, PersonaSource } from './types.js';
