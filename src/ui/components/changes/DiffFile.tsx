import { memo, useMemo } from 'react';
import { Diff, Hunk, markEdits, tokenize, type FileData, type HunkTokens, type TokenizeOptions, type ViewType } from 'react-diff-view';
import 'react-diff-view/style/index.css';
import { highlighter, languageOf } from '../../lib/diff-language.js';

/** Files longer than this are shown without syntax colours: highlighting them would stall the tab. */
const HIGHLIGHT_MAX_LINES = 4_000;

function lineCount(file: FileData): number {
  return file.hunks.reduce((sum, hunk) => sum + hunk.changes.length, 0);
}

function tokensOf(file: FileData): HunkTokens | null {
  const language = languageOf(file.newPath || file.oldPath);
  if (file.hunks.length === 0 || lineCount(file) > HIGHLIGHT_MAX_LINES) return null;
  try {
    const options = language
      ? ({ highlight: true, refractor: highlighter as unknown as Extract<TokenizeOptions, { highlight: true }>['refractor'], language } as const)
      : ({ highlight: false } as const);
    return tokenize(file.hunks, { ...options, enhancers: [markEdits(file.hunks, { type: 'block' })] });
  } catch {
    return null; // A grammar that trips on odd text: the plain diff is still right.
  }
}

/** One file of the diff: its name and counts, then its hunks, split or unified, highlighted. */
export const DiffFile = memo(function DiffFile({ file, view }: { file: FileData; view: ViewType }) {
  const tokens = useMemo(() => tokensOf(file), [file]);
  const path = file.type === 'delete' ? file.oldPath : file.newPath;
  const renamed = file.type === 'rename' ? `${file.oldPath} → ` : '';
  return (
    <section className="diff-file" data-testid="diff-file" data-path={path}>
      <header className="diff-file-head">
        <span className={`diff-kind kind-${file.type}`}>{file.type}</span>
        <span className="diff-path">
          {renamed}
          {path}
        </span>
      </header>
      {file.hunks.length === 0 ? (
        <div className="diff-empty">{file.isBinary ? 'binary file' : 'no text change (mode or empty file)'}</div>
      ) : (
        <Diff viewType={view} diffType={file.type} hunks={file.hunks} tokens={tokens}>
          {(hunks) => hunks.map((hunk) => <Hunk key={hunk.content} hunk={hunk} />)}
        </Diff>
      )}
    </section>
  );
});
