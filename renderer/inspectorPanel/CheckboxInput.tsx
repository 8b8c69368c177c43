import { useId } from 'react';

/** A labelled switch for a boolean setting; each change is one undo step. */
export function CheckboxInput({ label, checked, onChange, hint }: { label: string; checked: boolean; onChange(v: boolean): void; hint?: string }) {
  const id = useId();
  const hintId = useId();
  return (
    <div className="ef-field ef-field--check">
      <input
        id={id}
        type="checkbox"
        className="ef-check"
        checked={checked}
        aria-describedby={hint ? hintId : undefined}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id} className="ef-field__label ef-field__label--check">
        {label}
      </label>
      {hint && (
        <div id={hintId} className="ef-field__hint ef-field__hint--check">
          {hint}
        </div>
      )}
    </div>
  );
}
