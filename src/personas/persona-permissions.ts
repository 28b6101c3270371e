/**
 * What each persona may do without asking a person. A project may set its own in `persona.json`
 * (`permissions`), checked like any file from a repository: only the modes ask, accept-edits and
 * read-only (bypass comes from an explicit command-line flag only), and rules that parse.
 */
import { z } from 'zod';
import { checkRules, isRule, MAX_RULES, parseRule } from '../permissions/rule.js';
import type { PermissionPolicy } from '../protocol/permissions.js';

/** Test runners a QA engineer may start without asking. */
export const TEST_COMMAND_RULES: readonly string[] = [
  'Bash(npm test:*)',
  'Bash(npm run test:*)',
  'Bash(npx vitest:*)',
  'Bash(npx jest:*)',
  'Bash(pnpm test:*)',
  'Bash(yarn test:*)',
  'Bash(pytest:*)',
  'Bash(python -m pytest:*)',
  'Bash(go test:*)',
  'Bash(cargo test:*)',
];

const BUILTIN: Record<string, PermissionPolicy> = {
  'product-manager': { mode: 'read-only' },
  'qa-engineer': { mode: 'ask', allow: [...TEST_COMMAND_RULES] },
  specialist: { mode: 'accept-edits' },
};

/** A project's own persona that says nothing: every action that needs approval is asked. */
export const DEFAULT_PERMISSIONS: PermissionPolicy = { mode: 'ask' };

export function builtinPermissions(id: string): PermissionPolicy {
  const policy = BUILTIN[id] ?? DEFAULT_PERMISSIONS;
  return copyPolicy(policy);
}

export function copyPolicy(policy: PermissionPolicy): PermissionPolicy {
  return { mode: policy.mode, ...(policy.allow ? { allow: [...policy.allow] } : {}), ...(policy.deny ? { deny: [...policy.deny] } : {}) };
}

const rules = z
  .array(z.string())
  .max(MAX_RULES)
  .superRefine((list, ctx) => {
    for (const [index, text] of list.entries()) {
      const parsed = parseRule(text);
      if (!isRule(parsed)) ctx.addIssue({ code: 'custom', path: [index], message: parsed.problem });
    }
  });

export const permissionsSchema = z.strictObject({
  mode: z.enum(['ask', 'accept-edits', 'read-only'], {
    error: (issue) => (issue.input === 'bypass' ? 'bypass is only for an explicit --permissions bypass on the command line, never a project file' : 'one of ask, accept-edits, read-only'),
  }),
  allow: rules.optional(),
  deny: rules.optional(),
});

/** A caller's policy (the command line's) over the persona's: the mode replaces, rules replace when given. */
export function overridePolicy(base: PermissionPolicy, override: PermissionPolicy | undefined, where: string): PermissionPolicy {
  if (!override) return copyPolicy(base);
  const allow = override.allow ? checkRules(override.allow, `${where} allow`) : base.allow;
  const deny = override.deny ? checkRules(override.deny, `${where} deny`) : base.deny;
  return { mode: override.mode, ...(allow ? { allow: [...allow] } : {}), ...(deny ? { deny: [...deny] } : {}) };
}
