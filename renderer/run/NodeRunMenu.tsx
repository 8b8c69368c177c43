import { Pause, Play, Send } from 'lucide-react';
import { useDismiss } from '../app/useDismiss';
import { useDesignStore } from '../design/useDesignStore';
import { pauseConsumer, resumeConsumer } from './runControls';
import { useRunStore } from './useRunStore';

/**
 * The run menu a right click on a node opens while a flow runs: Pause or Resume for a
 * consumer (a durable one's backlog then grows in the broker), Fire for a producer.
 */
const closeMenu = (): void => useRunStore.getState().set({ menu: null });

export function NodeRunMenu() {
  const menu = useRunStore((s) => s.menu);
  const paused = useRunStore((s) => (menu ? (s.nodes[menu.nodeId]?.paused ?? false) : false));
  const node = useDesignStore((s) => (menu ? s.doc.nodes.find((n) => n.id === menu.nodeId) : undefined));
  useDismiss(menu !== null, closeMenu);
  if (!menu || !node) return null;
  const act = (fn: () => void) => () => {
    useRunStore.getState().set({ menu: null });
    fn();
  };
  return (
    <div
      className="ef-context-menu"
      role="menu"
      aria-label={`Run menu of ${node.name}`}
      style={{ left: menu.x, top: menu.y }}
      onPointerDown={(e) => e.stopPropagation()}
    >
      {node.kind === 'consumer' &&
        (paused ? (
          <button type="button" role="menuitem" onClick={act(() => void resumeConsumer(node.id))}>
            <Play size={14} aria-hidden /> Resume consumer
          </button>
        ) : (
          <button type="button" role="menuitem" onClick={act(() => void pauseConsumer(node.id))}>
            <Pause size={14} aria-hidden /> Pause consumer
          </button>
        ))}
      {node.kind === 'producer' && (
        <button type="button" role="menuitem" onClick={act(() => useRunStore.getState().set({ fireNodeId: node.id }))}>
          <Send size={14} aria-hidden /> Fire event…
        </button>
      )}
    </div>
  );
}
