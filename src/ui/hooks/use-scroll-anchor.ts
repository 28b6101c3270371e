/**
 * Keeps a chat's place across renders. At the bottom it follows new output. Scrolled up, it holds
 * the item being read where it is on screen, whether items come in above (an older page) or below
 * (the live stream): holding the distance to the bottom instead dragged it away with the stream.
 * Items are the scroller's children with a `data-key`.
 */
import { useLayoutEffect, useRef, type DependencyList, type RefObject } from 'react';

const AT_BOTTOM_PX = 40;

interface Anchor {
  key: string;
  /** Its top, from the scroller's top. */
  offset: number;
}

const offsetIn = (scroller: HTMLElement, node: Element) => node.getBoundingClientRect().top - scroller.getBoundingClientRect().top;

/** The topmost item at least partly on screen. */
function readingItem(scroller: HTMLElement): Anchor | null {
  for (const node of scroller.querySelectorAll(':scope > [data-key]')) {
    const offset = offsetIn(scroller, node);
    if (offset + node.getBoundingClientRect().height > 0) return { key: node.getAttribute('data-key') ?? '', offset };
  }
  return null;
}

/**
 * Call `onScroll` from the scroller's scroll events. The place is restored after each change of
 * `deps` (what the content is made of); a new `resetOn` (another conversation) starts at the bottom.
 */
export function useScrollAnchor(scroller: RefObject<HTMLElement | null>, deps: DependencyList, resetOn: unknown): { onScroll: () => void } {
  const atBottom = useRef(true);
  const anchor = useRef<Anchor | null>(null);
  const fromBottom = useRef(0);
  const shownFor = useRef(resetOn);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (shownFor.current !== resetOn) {
      shownFor.current = resetOn;
      atBottom.current = true;
    }
    if (atBottom.current) {
      el.scrollTop = el.scrollHeight;
      return;
    }
    const held = anchor.current;
    const node = held ? el.querySelector(`:scope > [data-key="${CSS.escape(held.key)}"]`) : null;
    if (held && node) el.scrollTop += offsetIn(el, node) - held.offset;
    // Gone or re-keyed: the oldest item, completed from an older page above it. Only items above
    // changed, so the distance to the bottom holds.
    else el.scrollTop = el.scrollHeight - fromBottom.current;
  }, [...deps, resetOn]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < AT_BOTTOM_PX;
    fromBottom.current = el.scrollHeight - el.scrollTop;
    anchor.current = atBottom.current ? null : readingItem(el);
  };
  return { onScroll };
}
