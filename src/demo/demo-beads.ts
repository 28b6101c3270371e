/**
 * The demo project's beads: a small, realistic WBS for a made-up web shop ("tinyshop"), with epics,
 * features, tasks, bugs and chores, a few blocked by others, a few closed.
 */

type Status = 'open' | 'in_progress' | 'blocked' | 'closed' | 'deferred';
type IssueType = 'epic' | 'feature' | 'task' | 'bug' | 'chore';

interface DemoBead {
  id: string;
  title: string;
  type: IssueType;
  status: Status;
  priority: 0 | 1 | 2 | 3 | 4;
  parent?: string;
  blockedBy?: string[];
  description: string;
  acceptance?: string;
  labels?: string[];
  assignee?: string;
}

export const DEMO_PREFIX = 'shop';

const BEADS: DemoBead[] = [
  {
    id: 'shop-1',
    title: 'Checkout v2',
    type: 'epic',
    status: 'in_progress',
    priority: 1,
    description: 'Replace the three-page checkout with a single page that keeps the cart visible and takes cards and wallets.',
    acceptance: '- [ ] One page from cart to confirmation\n- [ ] Conversion measured before and after',
    labels: ['checkout'],
  },
  {
    id: 'shop-1.1',
    title: 'Single-page checkout form',
    type: 'feature',
    status: 'in_progress',
    priority: 1,
    parent: 'shop-1',
    description: 'Address, shipping method and payment on one page, validated as the user types.',
    acceptance: '- [ ] Field errors shown inline\n- [ ] Works without JavaScript for the address step',
    assignee: 'ana',
  },
  {
    id: 'shop-1.2',
    title: 'Card payments through the payment gateway',
    type: 'feature',
    status: 'open',
    priority: 1,
    parent: 'shop-1',
    blockedBy: ['shop-2.1'],
    description: 'Tokenize cards in the browser and charge them on order confirmation.',
    acceptance: '- [ ] 3-D Secure challenge handled\n- [ ] Declines explained to the user',
  },
  {
    id: 'shop-1.3',
    title: 'Apple Pay and Google Pay buttons',
    type: 'feature',
    status: 'open',
    priority: 2,
    parent: 'shop-1',
    blockedBy: ['shop-1.2'],
    description: 'Wallet buttons above the form when the browser supports them.',
  },
  {
    id: 'shop-1.4',
    title: 'Order confirmation email',
    type: 'task',
    status: 'closed',
    priority: 2,
    parent: 'shop-1',
    description: 'Send a receipt with the order lines, totals and delivery estimate.',
  },
  {
    id: 'shop-1.5',
    title: 'Totals jump when the shipping method changes',
    type: 'bug',
    status: 'open',
    priority: 0,
    parent: 'shop-1',
    description: 'Switching from standard to express shipping re-renders the totals twice; the tax line flickers.',
    acceptance: '- [ ] Totals update once\n- [ ] Regression test in the checkout suite',
    labels: ['regression'],
  },
  {
    id: 'shop-2',
    title: 'Payments platform',
    type: 'epic',
    status: 'in_progress',
    priority: 1,
    description: 'One payments module behind an interface, so the gateway can change without touching checkout.',
    labels: ['payments'],
  },
  {
    id: 'shop-2.1',
    title: 'Payment gateway client with retries',
    type: 'task',
    status: 'in_progress',
    priority: 1,
    parent: 'shop-2',
    description: 'A typed client for the gateway API: idempotency keys, retries with backoff, timeouts.',
    acceptance: '- [ ] Idempotent charge on retry\n- [ ] Timeouts below 10 s',
    assignee: 'sam',
  },
  {
    id: 'shop-2.2',
    title: 'Refunds from the admin page',
    type: 'feature',
    status: 'open',
    priority: 2,
    parent: 'shop-2',
    blockedBy: ['shop-2.1'],
    description: 'Full and partial refunds, recorded against the order.',
  },
  {
    id: 'shop-2.3',
    title: 'Webhook signature check',
    type: 'task',
    status: 'closed',
    priority: 1,
    parent: 'shop-2',
    description: 'Reject gateway webhooks whose HMAC does not match.',
  },
  {
    id: 'shop-2.4',
    title: 'Double charge when the user clicks Pay twice',
    type: 'bug',
    status: 'blocked',
    priority: 0,
    parent: 'shop-2',
    blockedBy: ['shop-2.1'],
    description: 'Two quick clicks create two charges. Needs the idempotency keys of the new client.',
    labels: ['incident'],
  },
  {
    id: 'shop-3',
    title: 'Catalog search',
    type: 'epic',
    status: 'open',
    priority: 2,
    description: 'Search that finds products by name, brand and attribute, with typo tolerance.',
  },
  {
    id: 'shop-3.1',
    title: 'Search index of products',
    type: 'task',
    status: 'open',
    priority: 2,
    parent: 'shop-3',
    description: 'Build and update an index on every catalog change.',
  },
  {
    id: 'shop-3.2',
    title: 'Search-as-you-type box',
    type: 'feature',
    status: 'open',
    priority: 2,
    parent: 'shop-3',
    blockedBy: ['shop-3.1'],
    description: 'Suggestions after two characters, keyboard navigation, recent searches.',
  },
  {
    id: 'shop-3.3',
    title: 'Facets for size, colour and price',
    type: 'feature',
    status: 'deferred',
    priority: 3,
    parent: 'shop-3',
    description: 'Filters beside the results, counts per value.',
  },
  {
    id: 'shop-4',
    title: 'Observability',
    type: 'epic',
    status: 'open',
    priority: 2,
    description: 'Know when checkout breaks before customers tell us.',
  },
  {
    id: 'shop-4.1',
    title: 'Structured logs with request ids',
    type: 'task',
    status: 'closed',
    priority: 2,
    parent: 'shop-4',
    description: 'JSON logs, one request id carried through every service call.',
  },
  {
    id: 'shop-4.2',
    title: 'Checkout error-rate alert',
    type: 'task',
    status: 'open',
    priority: 1,
    parent: 'shop-4',
    description: 'Page the on-call engineer when checkout errors exceed 2% over 5 minutes.',
  },
  {
    id: 'shop-4.3',
    title: 'Dashboard of payment latencies',
    type: 'chore',
    status: 'open',
    priority: 3,
    parent: 'shop-4',
    blockedBy: ['shop-2.1'],
    description: 'p50/p95/p99 of gateway calls by endpoint.',
  },
  {
    id: 'shop-5',
    title: 'Upgrade the web framework to the next major version',
    type: 'chore',
    status: 'open',
    priority: 3,
    description: 'Follow the migration guide; remove the deprecated router calls first.',
  },
  {
    id: 'shop-6',
    title: 'Product images load slowly on mobile',
    type: 'bug',
    status: 'open',
    priority: 1,
    description: 'Full-size images are sent to phones. Serve resized images with srcset.',
    acceptance: '- [ ] Largest image on a product page below 200 kB on a phone',
    labels: ['performance'],
  },
];

const CREATED = Date.parse('2026-01-12T09:00:00Z');

/** The issues as bd writes them to `.beads/issues.jsonl`, one object per issue. */
export function demoIssues(now: number = Date.now()): Record<string, unknown>[] {
  return BEADS.map((bead, index) => {
    const createdAt = new Date(CREATED + index * 3_600_000).toISOString();
    const updatedAt = new Date(Math.max(CREATED + index * 3_600_000, now - (BEADS.length - index) * 600_000)).toISOString();
    const dependencies = [
      ...(bead.parent ? [{ issue_id: bead.id, depends_on_id: bead.parent, type: 'parent-child', created_at: createdAt, created_by: 'troupe demo' }] : []),
      ...(bead.blockedBy ?? []).map((blocker) => ({
        issue_id: bead.id,
        depends_on_id: blocker,
        type: 'blocks',
        created_at: createdAt,
        created_by: 'troupe demo',
      })),
    ];
    return {
      id: bead.id,
      title: bead.title,
      description: bead.description,
      ...(bead.acceptance ? { acceptance_criteria: bead.acceptance } : {}),
      status: bead.status,
      priority: bead.priority,
      issue_type: bead.type,
      ...(bead.assignee ? { assignee: bead.assignee } : {}),
      created_at: createdAt,
      created_by: 'troupe demo',
      updated_at: updatedAt,
      ...(bead.status === 'closed' ? { closed_at: updatedAt, close_reason: 'done' } : {}),
      ...(bead.labels ? { labels: bead.labels } : {}),
      ...(dependencies.length ? { dependencies } : {}),
    };
  });
}

/** Beads the demo starts sessions on by itself, with the persona that suits each. */
/**
 * The sessions the demo starts by itself, each with its own pace (the simulated agent's knobs):
 * readable streams with tool calls; one crashes now and then, and troupe restarts it.
 */
export interface DemoSession {
  beadId: string;
  persona: string;
  prompt: string;
  env: Record<string, string>;
  /** Its first tool call needs a person's approval (on the control protocol, so a long-lived agent). */
  asks?: boolean;
}

/** Real edits in each session's worktree, so the Changes tab has diffs to review and merge. */
const EDITS = { TROUPE_SIM_EDIT_FILES: '2' };

export const DEMO_AUTOSTART: DemoSession[] = [
  {
    beadId: 'shop-1.1',
    persona: 'specialist',
    prompt: 'Carry on with the single-page form: inline validation next.',
    env: { ...EDITS, TROUPE_SIM_CHUNKS: '24', TROUPE_SIM_DELAY_MS: '160', TROUPE_SIM_TOOLS: '2' },
  },
  {
    beadId: 'shop-2.1',
    persona: 'qa-engineer',
    prompt: 'Check the retry behaviour against the acceptance criteria.',
    env: { ...EDITS, TROUPE_SIM_CHUNKS: '18', TROUPE_SIM_DELAY_MS: '220', TROUPE_SIM_TOOLS: '3' },
  },
  {
    beadId: 'shop-3',
    persona: 'product-manager',
    prompt: 'Break the catalog search down into tasks we can ship one by one.',
    env: { ...EDITS, TROUPE_SIM_CHUNKS: '14', TROUPE_SIM_DELAY_MS: '280', TROUPE_SIM_TOOLS: '1' },
  },
  {
    beadId: 'shop-4.2',
    persona: 'specialist',
    prompt: 'Wire the checkout error-rate alert to the metrics we already export.',
    // A quarter of its turns crash halfway: troupe restarts the agent and it carries on.
    env: { ...EDITS, TROUPE_SIM_CHUNKS: '20', TROUPE_SIM_DELAY_MS: '140', TROUPE_SIM_TOOLS: '2', TROUPE_SIM_CRASH_RATE: '0.25' },
  },
  {
    beadId: 'shop-1.2',
    persona: 'specialist',
    prompt: 'Start on card payments: tokenize in the browser, then run the tests.',
    // Soon waits for a person's approval, so a newcomer sees one at once.
    env: { ...EDITS, TROUPE_SIM_CHUNKS: '6', TROUPE_SIM_DELAY_MS: '120', TROUPE_SIM_TOOLS: '2', TROUPE_SIM_PERMISSION_REQUESTS: '2' },
    asks: true,
  },
];

/**
 * What the demo says to its sessions to keep them working, in turn. The first line names the
 * subject: the simulated agent writes its answer about it.
 */
export const DEMO_FOLLOW_UPS = [
  'the next step\nGood, carry on where you left off.',
  'the edge cases you listed\nCover those next.',
  'the checks\nRun them again and tell me what changed.',
  'a tidy-up of what you touched\nThen sum it up in three lines.',
  'the riskiest part left\nDeal with it next.',
];
