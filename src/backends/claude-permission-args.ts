/**
 * A session's policy as Claude Code's own flags, so the CLI and troupe agree: deny rules become
 * `--disallowedTools` (the CLI refuses them itself), allow rules `--allowedTools`, accept-edits and
 * bypass `--permission-mode`. read-only and ask keep the CLI's default mode: what it would ask, troupe
 * decides or asks a person. Claude refuses bypassPermissions as root, so there troupe alone allows.
 */
import type { PermissionPolicy } from '../protocol/permissions.js';

export function claudePermissionArgs(policy: PermissionPolicy | undefined, control: boolean): string[] {
  const args: string[] = control ? ['--permission-prompt-tool', 'stdio'] : [];
  if (!policy) return args;
  if (policy.mode === 'accept-edits') args.push('--permission-mode', 'acceptEdits');
  if (policy.mode === 'bypass' && process.getuid?.() !== 0) args.push('--permission-mode', 'bypassPermissions');
  if (policy.allow && policy.allow.length > 0) args.push('--allowedTools', ...policy.allow);
  if (policy.deny && policy.deny.length > 0) args.push('--disallowedTools', ...policy.deny);
  return args;
}
