import { temporal } from 'zundo';
import { create } from 'zustand';
import type {
  ConsumerSettings,
  EventTypeDef,
  FlowDocument,
  FlowEdge,
  FlowNode,
  Position,
  ProducerSettings,
  BrokerNodeSettings,
} from '../../shared/flow/FlowDocument';
import { blankFlow } from './blankFlow';
import { copyElements, pasteElements, type FlowClipboard } from './clipboardEdits';
import * as edits from './documentEdits';

/** How many steps Undo can go back. */
export const HISTORY_LIMIT = 200;
/** Where a duplicate lands relative to its original. */
export const DUPLICATE_OFFSET: Position = { x: 40, y: 40 };

type Settings = ProducerSettings | BrokerNodeSettings | ConsumerSettings;

export interface DesignState {
  /** The document being edited: the single source of truth for the canvas and the inspector. */
  doc: FlowDocument;

  /** Replace the document (New, Open, restore). Not an edit: history starts afresh. */
  loadDocument(doc: FlowDocument): void;

  addNodes(nodes: readonly FlowNode[], eventTypes?: readonly EventTypeDef[]): void;
  removeElements(nodeIds: Iterable<string>, edgeIds: Iterable<string>): void;
  connect(source: string, target: string): { ok: true; edgeId: string } | { ok: false; reason: string };
  /** Move nodes; inside a gesture (a drag) every frame's move becomes one undo step at the end. */
  moveNodes(positions: ReadonlyMap<string, Position>): void;
  updateNode(id: string, update: (node: FlowNode) => FlowNode): void;
  updateNodeSettings(id: string, update: (settings: Settings) => Settings): void;
  updateEdge(id: string, update: (edge: FlowEdge) => FlowEdge): void;
  updateFlow(patch: Parameters<typeof edits.updateFlow>[1]): void;
  paste(clip: FlowClipboard, offset: Position): { nodeIds: string[]; edgeIds: string[] };
  duplicate(nodeIds: Iterable<string>): { nodeIds: string[]; edgeIds: string[] };
  autoLayout(positions: ReadonlyMap<string, Position>): void;

  /**
   * Start a gesture (a drag, typing in a field): until it ends, edits change the document
   * but are not recorded; when the last open gesture ends, the whole of it is recorded as one
   * undo step. Returns the gesture's id for endGesture.
   */
  beginGesture(): number;
  /** End a gesture; ids already ended (or settled) are ignored. */
  endGesture(id: number): void;
  /** True while the gesture is open (it may have been settled by Undo or Save). */
  isGestureOpen(id: number): boolean;
  /** Close every open gesture now (before Undo, Save), recording it as one step. */
  settleGestures(): void;
}

/**
 * The designer's document store. zundo records `doc` only (selection, viewport, measured
 * sizes and run-time data live in other stores and never enter history); a step is recorded
 * whenever a command produces a different document.
 */
export const useDesignStore = create<DesignState>()(
  temporal(
    (set, get) => {
      const history = () => useDesignStore.temporal.getState();
      let lastGestureId = 0;
      const openGestures = new Set<number>();
      let gestureStart: FlowDocument | null = null;

      /** Make everything since the gesture began one recorded step. */
      const recordGesture = (): void => {
        const start = gestureStart;
        const end = get().doc;
        gestureStart = null;
        const tracker = history();
        if (start === null || start === end) {
          tracker.resume();
          return;
        }
        // Rewind silently to where the gesture began, then apply its result as one step.
        set({ doc: start });
        tracker.resume();
        set({ doc: end });
      };

      const apply = (next: FlowDocument): void => {
        if (next !== get().doc) set({ doc: next });
      };

      return {
        doc: blankFlow(),

        loadDocument(doc) {
          const tracker = history();
          openGestures.clear();
          gestureStart = null;
          tracker.pause();
          set({ doc });
          tracker.clear();
          tracker.resume();
        },

        addNodes(nodes, eventTypes = []) {
          apply(edits.addNodes(get().doc, nodes, eventTypes));
        },
        removeElements(nodeIds, edgeIds) {
          apply(edits.removeElements(get().doc, nodeIds, edgeIds));
        },
        connect(source, target) {
          const result = edits.connectNodes(get().doc, source, target);
          if (!result.ok) return result;
          apply(result.doc);
          return { ok: true, edgeId: result.edgeId };
        },
        moveNodes(positions) {
          apply(edits.moveNodes(get().doc, positions));
        },
        updateNode(id, update) {
          apply(edits.updateNode(get().doc, id, update));
        },
        updateNodeSettings(id, update) {
          apply(
            edits.updateNode(get().doc, id, (node) => {
              const settings = update(node.settings);
              return settings === node.settings ? node : ({ ...node, settings } as FlowNode);
            }),
          );
        },
        updateEdge(id, update) {
          apply(edits.updateEdge(get().doc, id, update));
        },
        updateFlow(patch) {
          apply(edits.updateFlow(get().doc, patch));
        },
        paste(clip, offset) {
          const result = pasteElements(get().doc, clip, offset);
          apply(result.doc);
          return { nodeIds: result.nodeIds, edgeIds: result.edgeIds };
        },
        duplicate(nodeIds) {
          const clip = copyElements(get().doc, nodeIds);
          if (!clip) return { nodeIds: [], edgeIds: [] };
          return get().paste(clip, DUPLICATE_OFFSET);
        },
        autoLayout(positions) {
          apply(edits.moveNodes(get().doc, positions));
        },

        beginGesture() {
          const id = ++lastGestureId;
          if (openGestures.size === 0) {
            gestureStart = get().doc;
            history().pause();
          }
          openGestures.add(id);
          return id;
        },
        endGesture(id) {
          if (!openGestures.delete(id) || openGestures.size > 0) return;
          recordGesture();
        },
        isGestureOpen(id) {
          return openGestures.has(id);
        },
        settleGestures() {
          if (openGestures.size === 0) return;
          openGestures.clear();
          recordGesture();
        },
      };
    },
    {
      partialize: (state) => ({ doc: state.doc }),
      equality: (past, current) => past.doc === current.doc,
      limit: HISTORY_LIMIT,
    },
  ),
);
