import { useCallback, useId, useRef, useState } from 'react';
import { useDismiss } from '../app/useDismiss';

export interface PickerOption {
  value: string;
  label: string;
}

/**
 * A compact multi-select: a button that says what is chosen ("All types", "2 of 5 nodes")
 * and opens a list of checkboxes; Escape or a click elsewhere closes it. Nothing chosen
 * means "no filter" (`allLabel`).
 */
export function PickerMenu({
  label,
  allLabel,
  noun,
  options,
  chosen,
  onChange,
  disabled,
}: {
  label: string;
  allLabel: string;
  noun: string;
  options: readonly PickerOption[];
  chosen: readonly string[];
  onChange(chosen: string[]): void;
  disabled?: boolean;
}) {
  /** Where the open menu sits (fixed, so the live panel's scrolling box does not clip it). */
  const [open, setOpen] = useState<{ left: number; bottom: number } | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const listId = useId();
  const close = useCallback(() => setOpen(null), []);
  useDismiss(open !== null, close, box);
  const picked = chosen.filter((c) => options.some((o) => o.value === c));
  const summary =
    picked.length === 0 ? allLabel : picked.length === 1 ? (options.find((o) => o.value === picked[0])?.label ?? picked[0]) : `${picked.length} of ${options.length} ${noun}`;
  const toggle = (value: string) => onChange(picked.includes(value) ? picked.filter((v) => v !== value) : [...picked, value]);
  return (
    <div className="ef-picker" ref={box}>
      <span className="ef-picker__label">{label}</span>
      <button
        type="button"
        className="ef-input ef-select ef-select--compact ef-picker__button"
        aria-label={`${label}: ${summary}`}
        aria-expanded={open !== null}
        aria-controls={open ? listId : undefined}
        title={picked.length > 1 ? picked.map((v) => options.find((o) => o.value === v)?.label ?? v).join(', ') : summary}
        disabled={disabled || options.length === 0}
        onClick={(e) => {
          const r = e.currentTarget.getBoundingClientRect();
          setOpen(open ? null : { left: r.left, bottom: window.innerHeight - r.top + 4 });
        }}
      >
        {summary}
      </button>
      {open && (
        <div className="ef-picker__menu" id={listId} role="group" aria-label={label} style={open}>
          {options.map((o) => (
            <label key={o.value} className="ef-picker__option">
              <input type="checkbox" className="ef-check" checked={picked.includes(o.value)} onChange={() => toggle(o.value)} />
              <span>{o.label}</span>
            </label>
          ))}
          <button type="button" className="ef-link ef-picker__clear" disabled={picked.length === 0} onClick={() => onChange([])}>
            {allLabel}
          </button>
        </div>
      )}
    </div>
  );
}
