import type { FlowDocument } from '../../shared/flow/FlowDocument';
import { useDesignStore } from '../design/useDesignStore';
import { checkDocument } from './checkDocument';
import { useProblemsStore } from './useProblemsStore';

/** How long the document must stay still before it is checked again: off the typing path. */
export const CHECK_DELAY_MS = 250;

/**
 * Check the document now, then again CHECK_DELAY_MS after each change settles. Returns the
 * function that stops the checks.
 */
export function startProblemChecks(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let checked: FlowDocument | null = null;
  const check = (): void => {
    timer = undefined;
    const doc = useDesignStore.getState().doc;
    if (doc === checked) return;
    checked = doc;
    useProblemsStore.getState().setProblems(checkDocument(doc));
  };
  check();
  const unsubscribe = useDesignStore.subscribe((state, prev) => {
    if (state.doc === prev.doc) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(check, CHECK_DELAY_MS);
  });
  return () => {
    unsubscribe();
    if (timer !== undefined) clearTimeout(timer);
  };
}
