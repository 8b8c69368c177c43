import { useDesignStore } from '../design/useDesignStore';
import { useFileStore } from './useFileStore';

/** True while the document differs from what was last opened or saved. */
export function useIsDirty(): boolean {
  const doc = useDesignStore((s) => s.doc);
  const saved = useFileStore((s) => s.savedDoc);
  return doc !== saved;
}

/** The same, outside React. */
export function isDirty(): boolean {
  return useDesignStore.getState().doc !== useFileStore.getState().savedDoc;
}
