import { useDesignStore } from '../design/useDesignStore';
import { fileNameOf, useFileStore } from './useFileStore';

/** What the title shows: the file's name, or the flow's own name while it is untitled. */
export function useDocumentName(): string {
  const path = useFileStore((s) => s.path);
  const flowName = useDesignStore((s) => s.doc.name);
  return path ? fileNameOf(path) : flowName || 'Untitled flow';
}
