/** Tool calls that ask first: a command, an edit, a commit, and a question for the person. */
import { bashResult, type ToolCall } from './tool-calls.js';

function bash(command: string, description: string, stdout: string): ToolCall {
  return { ...bashResult(command, description, stdout), needs: 'approval' };
}

/** The k-th call of a turn that needs approval. */
export function approvalCall(k: number, cwd: string): ToolCall {
  switch (k % 3) {
    case 0:
      return bash('npm test', 'Run the test suite', 'Test Files  4 passed (4)\n     Tests  12 passed (12)');
    case 1: {
      const filePath = `${cwd}/src/config.ts`;
      return {
        name: 'Edit',
        input: { file_path: filePath, old_string: '  retries: 3,', new_string: '  retries: 5,\n  timeoutMs: 30_000,' },
        output: `The file ${filePath} has been updated.`,
        toolUseResult: { filePath, oldString: '  retries: 3,', newString: '  retries: 5,\n  timeoutMs: 30_000,' },
        needs: 'approval',
      };
    }
    default:
      return bash('git commit -am "Apply the change"', 'Commit the change', '[main 1a2b3c4] Apply the change\n 1 file changed, 2 insertions(+), 1 deletion(-)');
  }
}

export const QUESTION = 'Which approach should I take?';

export function questionCall(topic: string): ToolCall {
  return {
    name: 'AskUserQuestion',
    input: {
      questions: [
        {
          question: QUESTION,
          header: 'Approach',
          options: [
            { label: 'Small change', description: `Touch as little as possible around ${topic}` },
            { label: 'Refactor', description: 'Restructure the module first, then change it' },
          ],
          multiSelect: false,
        },
      ],
    },
    output: '',
    toolUseResult: {},
    needs: 'answer',
  };
}

/** What the model reads after the person answered (Claude's wording). */
export function answeredText(answers: Record<string, string>): string {
  const pairs = Object.entries(answers).map(([question, answer]) => `"${question}"="${answer}"`);
  return `User has answered your questions: ${pairs.join(', ')}. You can now continue with the user's answers in mind.`;
}

/** What the model reads when nobody could be asked (Claude without a permission prompt tool). */
export function notGrantedText(tool: string): string {
  return `Claude requested permissions to use ${tool}, but you haven't granted it yet.`;
}

/** What the model reads when the person interrupted while the request was pending (Claude's wording). */
export const REJECTED_TEXT =
  "The user doesn't want to proceed with this tool use. The tool use was rejected (eg. if it was a file edit, the new_string was NOT written to the file). STOP what you are doing and wait for the user to tell you how to proceed.";
