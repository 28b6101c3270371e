/** Keys that work anywhere on the page: `?` lists the keys, Escape closes what is open over the page. */
import { useEffect } from 'react';
import type { DashboardLayout } from './use-dashboard-layout.js';

/** A key pressed while typing belongs to the field, not to the page. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function useGlobalKeys(layout: DashboardLayout, dialogOpen: boolean): void {
  const { help, treeOpen, setHelp, closeTree } = layout;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (dialogOpen || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === 'Escape') {
        if (help) setHelp(false);
        else if (treeOpen) closeTree();
        return;
      }
      if (event.key === '?' && !isTyping(event.target)) {
        event.preventDefault();
        setHelp(!help);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [help, treeOpen, setHelp, closeTree, dialogOpen]);
}
