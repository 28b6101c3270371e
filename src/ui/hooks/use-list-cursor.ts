/**
 * Moving through a list with the keys: j/k or the arrows move a cursor over its rows, Enter opens
 * the row under it, `/` goes to the list's search field (from which ↓ comes back to the rows and
 * Enter opens the first). Keys pressed in other fields, or while a dialog is open, are theirs.
 */
import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type RefObject } from 'react';
import { isTyping } from './use-global-keys.js';

export interface ListCursor {
  cursor: string | null;
  /** For the search field's onKeyDown. */
  onSearchKey: (event: ReactKeyboardEvent<HTMLInputElement>) => void;
}

const dialogOpen = () => document.querySelector('.modal-backdrop') !== null;

export function useListCursor(ids: readonly string[], selected: string | null, onOpen: (id: string) => void, search: RefObject<HTMLInputElement | null>): ListCursor {
  const [cursor, setCursor] = useState<string | null>(null);
  const state = useRef({ ids, cursor, selected, onOpen });
  state.current = { ids, cursor, selected, onOpen };

  // The cursor starts where the selection is, and follows it when it moves by other means.
  useEffect(() => setCursor(selected), [selected]);

  useEffect(() => {
    const move = (step: number) => {
      const { ids: list, cursor: at, selected: chosen } = state.current;
      if (list.length === 0) return;
      const from = list.indexOf(at ?? chosen ?? '');
      const next = from === -1 ? (step > 0 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, from + step));
      setCursor(list[next] ?? null);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target) || dialogOpen()) return;
      switch (event.key) {
        case 'j':
        case 'ArrowDown':
          move(1);
          break;
        case 'k':
        case 'ArrowUp':
          move(-1);
          break;
        case 'Enter': {
          const { cursor: at, onOpen: open } = state.current;
          if (!at || (event.target instanceof HTMLElement && event.target.closest('button, a'))) return;
          open(at);
          break;
        }
        case '/':
          search.current?.focus();
          break;
        default:
          return;
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [search]);

  const onSearchKey = (event: ReactKeyboardEvent<HTMLInputElement>) => {
    const { ids: list, onOpen: open } = state.current;
    if (event.key === 'Escape') {
      event.currentTarget.blur();
      event.stopPropagation();
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      event.currentTarget.blur();
      setCursor(list[0] ?? null);
    } else if (event.key === 'Enter' && list[0]) {
      event.preventDefault();
      event.currentTarget.blur();
      setCursor(list[0]);
      open(list[0]);
    }
  };
  return { cursor, onSearchKey };
}
