import type { KeyboardEvent, RefObject } from 'react';

interface Props {
  inputRef: RefObject<HTMLInputElement | null>;
  value: string;
  onChange: (value: string) => void;
  onKeyDown: (event: KeyboardEvent<HTMLInputElement>) => void;
  /** What can be searched for, shown in the empty field. */
  hint: string;
  label: string;
  testId: string;
}

/** The search field over a list (`/` comes here; see useListCursor). */
export function ListSearch({ inputRef, value, onChange, onKeyDown, hint, label, testId }: Props) {
  return (
    <div className="list-search">
      <input
        ref={inputRef}
        className="search"
        type="search"
        placeholder={`Search: ${hint}  (/)`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKeyDown}
        data-testid={testId}
        aria-label={label}
      />
    </div>
  );
}
