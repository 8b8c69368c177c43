import { useReactFlow } from '@xyflow/react';
import {
  BarChart3,
  Bell,
  CreditCard,
  Package,
  ShieldAlert,
  Skull,
  Store,
  type LucideIcon,
} from 'lucide-react';
import type { DragEvent, KeyboardEvent } from 'react';
import { NODE_KIND_LOOK } from '../canvas/nodeKinds';
import { addPresetAt } from '../design/editActions';
import { DEFAULT_NODE_SIZE } from '../design/layoutWithElk';
import { useDesignStore } from '../design/useDesignStore';
import { BASIC_PRESETS, SERVICE_PRESETS, type NodePreset } from './nodePresets';
import { PRESET_DRAG_TYPE } from './presetDrag';

const PRESET_ICONS: Record<string, LucideIcon> = {
  storefront: Store,
  'payment-service': CreditCard,
  'inventory-service': Package,
  'analytics-replica': BarChart3,
  'fraud-monitor': ShieldAlert,
  notifications: Bell,
  'dead-letter': Skull,
};

/** Successive keyboard adds step down and right so they do not stack exactly. */
const KEYBOARD_ADD_STEP = 24;

/**
 * The palette: drag an item onto the canvas, or focus it and press Enter (or click it) to
 * add it in the middle of the view. Each item's accessible name is its label.
 */
export function Palette() {
  return (
    <aside className="ef-palette" aria-label="Palette">
      <PaletteSection title="Building blocks" presets={BASIC_PRESETS} />
      <PaletteSection title="Checkout services" presets={SERVICE_PRESETS} />
      <p className="ef-palette__tip">
        Drag onto the canvas, or press <kbd>Enter</kbd> on an item. Connect nodes by dragging from the right handle.
      </p>
    </aside>
  );
}

function PaletteSection({ title, presets }: { title: string; presets: readonly NodePreset[] }) {
  return (
    <section className="ef-palette__section">
      <h2 className="ef-panel-title">{title}</h2>
      <ul className="ef-palette__list">
        {presets.map((p) => (
          <li key={p.id}>
            <PaletteItem preset={p} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function PaletteItem({ preset }: { preset: NodePreset }) {
  const flow = useReactFlow();
  const Icon = PRESET_ICONS[preset.id] ?? NODE_KIND_LOOK[preset.kind].Icon;

  const addInView = (): void => {
    const pane = document.querySelector('.ef-canvas')?.getBoundingClientRect();
    const center = pane
      ? flow.screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 })
      : { x: 0, y: 0 };
    const taken = new Set(useDesignStore.getState().doc.nodes.map((n) => `${n.position.x},${n.position.y}`));
    let x = Math.round(center.x - DEFAULT_NODE_SIZE.width / 2);
    let y = Math.round(center.y - DEFAULT_NODE_SIZE.height / 2);
    while (taken.has(`${x},${y}`)) {
      x += KEYBOARD_ADD_STEP;
      y += KEYBOARD_ADD_STEP;
    }
    addPresetAt(preset.id, { x, y });
  };

  const onDragStart = (e: DragEvent) => {
    e.dataTransfer.setData(PRESET_DRAG_TYPE, preset.id);
    e.dataTransfer.effectAllowed = 'copy';
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      addInView();
    }
  };

  return (
    <button
      type="button"
      className={`ef-palette-item ef-palette-item--${preset.kind}`}
      aria-label={preset.label}
      title={`${preset.label}: ${preset.description}`}
      draggable
      onDragStart={onDragStart}
      onKeyDown={onKeyDown}
      onClick={addInView}
      data-testid={`palette-${preset.id}`}
    >
      <span className="ef-palette-item__icon" aria-hidden>
        <Icon size={16} strokeWidth={2.2} />
      </span>
      <span className="ef-palette-item__text">
        <span className="ef-palette-item__label">{preset.label}</span>
        <span className="ef-palette-item__description">{preset.description}</span>
      </span>
    </button>
  );
}
