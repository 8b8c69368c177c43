import { useState } from 'react';
import type { z } from 'zod';
import { Field } from './Field';
import { numberConstraints, numberProblem } from './numberConstraints';
import { useEditGesture } from './useEditGesture';

export interface NumberInputProps {
  label: string;
  value: number | undefined;
  onChange(value: number | undefined): void;
  /** The field's zod schema: its bounds become the input's min, max and step, and its messages. */
  schema: z.ZodType;
  path?: string;
  optional?: boolean;
  unit?: string;
  hint?: string;
  placeholder?: string;
}

/**
 * A number field. What parses as a number is committed as the user types (so problems and
 * badges follow); what does not stays in the field with a message until it does.
 */
export function NumberInput({ label, value, onChange, schema, path, optional, unit, hint, placeholder }: NumberInputProps) {
  const gesture = useEditGesture();
  const constraints = numberConstraints(schema);
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft ?? (value === undefined ? '' : String(value));
  const parsed = shown.trim() === '' ? undefined : Number(shown);
  const localError =
    parsed === undefined
      ? optional
        ? null
        : 'is required: enter a number'
      : Number.isNaN(parsed)
        ? `must be a number, got "${shown}"`
        : numberProblem(parsed, constraints);

  const onText = (text: string): void => {
    setDraft(text);
    const n = text.trim() === '' ? undefined : Number(text);
    if (n === undefined) {
      if (optional) {
        gesture.touch();
        onChange(undefined);
      }
      return;
    }
    if (Number.isNaN(n)) return;
    gesture.touch();
    onChange(n);
  };

  return (
    <Field label={label} path={path} error={draft !== null ? localError : null} hint={hint}>
      {({ inputId, describedBy, invalid }) => (
        <div className="ef-input-unit">
          <input
            id={inputId}
            className="ef-input ef-input--number"
            inputMode="decimal"
            value={shown}
            placeholder={placeholder}
            aria-describedby={describedBy}
            aria-invalid={invalid || Boolean(draft !== null && localError)}
            onChange={(e) => onText(e.target.value)}
            onBlur={() => {
              gesture.end();
              setDraft(null);
            }}
          />
          {unit && <span className="ef-input-unit__unit">{unit}</span>}
        </div>
      )}
    </Field>
  );
}
