/** The badges a session shows wherever it is listed: it needs an approval; it runs with no approvals at all. */
import type { SessionInfo } from '../../protocol/session.js';
import './approvals.css';

export function needsApproval(info: Pick<SessionInfo, 'status' | 'pendingPermissions'>): boolean {
  return info.status === 'waiting' && (info.pendingPermissions?.length ?? 0) > 0;
}

export function ApprovalBadge({ info }: { info: SessionInfo }) {
  if (!needsApproval(info)) return null;
  const first = info.pendingPermissions?.[0];
  return (
    <span className="unread approve" data-testid="approve-badge" title={first ? `${first.toolName}: ${first.summary}` : undefined}>
      needs you · {first?.kind === 'question' ? 'answer' : 'approve'}
    </span>
  );
}

export function BypassBadge({ info }: { info: Pick<SessionInfo, 'permissionMode'> }) {
  if (info.permissionMode !== 'bypass') return null;
  return (
    <span className="bypass-badge" data-testid="bypass-badge" title="Started with --permissions bypass: this agent does anything without asking">
      bypass
    </span>
  );
}
