/** What every Claude event of a session carries, and the token-usage shapes they share. */

export interface EventContext {
  sessionId: string;
  model: string;
  cwd: string;
  permissionMode: string;
}

/** The Claude Code release whose stream-json shapes the agent imitates. */
export const CLAUDE_CODE_VERSION = '2.1.329';

export interface Tokens {
  input: number;
  output: number;
}

/** Per-message usage, as on assistant lines. */
export function messageUsage(tokens: Tokens): Record<string, number> {
  return {
    input_tokens: tokens.input,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    output_tokens: tokens.output,
  };
}

/** Per-turn usage, as on result lines. */
export function resultUsage(tokens: Tokens): Record<string, unknown> {
  return {
    ...messageUsage(tokens),
    output_tokens_details: { thinking_tokens: 0 },
    server_tool_use: { web_search_requests: 0, web_fetch_requests: 0 },
    service_tier: 'standard',
    cache_creation: { ephemeral_1h_input_tokens: 0, ephemeral_5m_input_tokens: 0 },
    inference_geo: '',
    iterations: [],
    speed: 'standard',
    fallback_credit: null,
  };
}

/** Prices of a mid-size model, per token. */
export function costOf(tokens: Tokens): number {
  return Math.round((tokens.input * 3e-6 + tokens.output * 15e-6) * 1e6) / 1e6;
}

export function modelUsage(model: string, tokens: Tokens, costUsd: number): Record<string, unknown> {
  return {
    [model]: {
      inputTokens: tokens.input,
      outputTokens: tokens.output,
      cacheReadInputTokens: 0,
      cacheCreationInputTokens: 0,
      webSearchRequests: 0,
      costUSD: costUsd,
      contextWindow: 1000000,
      maxOutputTokens: 128000,
      thinkingTokens: 0,
      cacheCreationEphemeral5mInputTokens: 0,
      cacheCreationEphemeral1hInputTokens: 0,
      canonicalModel: model,
      provider: 'firstParty',
      costBasis: 'list',
    },
  };
}
