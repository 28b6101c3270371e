/** What an agent asks before it acts, and how a person or a policy answers. */

export type PermissionKind = 'tool' | 'question';
export type PermissionDecision = 'allow' | 'deny';
/** `session`: the answer becomes a rule for the rest of the session. */
export type PermissionScope = 'once' | 'session';

/** How much a session may do without asking: troupe decides by this before it asks a person. */
export type PermissionMode = 'ask' | 'accept-edits' | 'read-only' | 'bypass';
export const PERMISSION_MODES: readonly PermissionMode[] = ['ask', 'accept-edits', 'read-only', 'bypass'];

export interface PermissionPolicy {
  mode: PermissionMode;
  /** Rules in Claude's syntax (`Bash(npm test:*)`, `Edit`, `WebFetch(domain:example.com)`). */
  allow?: string[];
  /** Rules that are always denied; deny wins over allow. */
  deny?: string[];
}

export interface QuestionOption {
  label: string;
  description?: string;
}

export interface PermissionQuestion {
  question: string;
  header?: string;
  options: QuestionOption[];
  multiSelect?: boolean;
}

/** One pending request, as troupe shows it: what, why, and the CLI's own suggestions. */
export interface PermissionRequest {
  /** Unique within the session. */
  requestId: string;
  kind: PermissionKind;
  toolName: string;
  /** One line a person can judge: the command line, the file, the URL. */
  summary: string;
  /** For edits: a short preview of the change. */
  preview?: string;
  /** The agent's reason, when it gave one. */
  reason?: string;
  /** The tool's input as the agent sent it (bounded). */
  input?: unknown;
  /** Rules the CLI suggests for "allow for this session". */
  suggestions?: string[];
  /** The rule "allow for this session" adds (absent: that answer allows this call once). */
  sessionRule?: string;
  questions?: PermissionQuestion[];
  /** The tool call this request is about (the chunk's `toolId`). */
  toolUseId?: string;
  /** The path that needs the permission, when the CLI names one. */
  blockedPath?: string;
  /** When the agent asked (epoch ms), by troupe's clock. */
  askedAt: number;
  /** When the agent wrote the request, by its own clock, when its line says (the simulated agent's `ts`). */
  emittedAt?: number;
}

/** How a person (or troupe's policy) answers one request. */
export interface PermissionAnswer {
  decision: PermissionDecision;
  /** `session`: allow the request's rule for the rest of the session (allow only). */
  scope?: PermissionScope;
  /** Told to the agent with a denial. */
  message?: string;
  /** For a question: question text -> the chosen label(s), comma-separated when several. */
  answers?: Record<string, string>;
}

