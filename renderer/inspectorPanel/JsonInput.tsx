import { useState } from 'react';
import { Field } from './Field';
import { formatJson } from './formatJson';
import { useEditGesture } from './useEditGesture';

export type JsonParse<T> = (text: string) => { ok: true; value: T } | { ok: false; message: string };

/** JSON.parse with the position of a mistake as line and column. */
export const parseJson: JsonParse<unknown> = (text) => {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const at = /position (\d+)/.exec(message);
    if (!at) return { ok: false, message };
    const before = text.slice(0, Number(at[1]));
    const line = before.split('\n').length;
    const column = Number(at[1]) - before.lastIndexOf('\n');
    return { ok: false, message: `${message.replace(/ in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)/, '')} at line ${line}, column ${column}` };
  }
};

export interface JsonInputProps<T> {
  label: string;
  value: T | undefined;
  onChange(value: T | undefined): void;
  parse?: JsonParse<T>;
  path?: string;
  hint?: string;
  rows?: number;
  placeholder?: string;
}

/**
 * A JSON value edited as text: valid text is committed as the user types, invalid text
 * stays in the box with the parser's message (line and column) until it is fixed. Emptying
 * the box removes the value.
 */
export function JsonInput<T>({ label, value, onChange, parse, path, hint, rows = 6, placeholder }: JsonInputProps<T>) {
  const gesture = useEditGesture();
  const [draft, setDraft] = useState<{ text: string; for: T | undefined } | null>(null);
  const formatted = value === undefined ? '' : formatJson(value);
  // A draft belongs to the value it was typed over; after Undo (a new value) the box follows the document.
  const text = draft && draft.for === value ? draft.text : formatted;
  const parser = (parse ?? parseJson) as JsonParse<T>;
  const result = text.trim() === '' ? null : parser(text);
  const error = result && !result.ok ? result.message : null;

  const onText = (next: string): void => {
    const parsed = next.trim() === '' ? null : parser(next);
    gesture.touch();
    if (parsed === null) {
      onChange(undefined);
      setDraft({ text: next, for: undefined });
    } else if (parsed.ok) {
      onChange(parsed.value);
      setDraft({ text: next, for: parsed.value });
    } else {
      setDraft({ text: next, for: value });
    }
  };

  return (
    <Field label={label} path={path} error={error} hint={hint} wide>
      {({ inputId, describedBy, invalid }) => (
        <textarea
          id={inputId}
          className="ef-input ef-input--area ef-input--mono"
          value={text}
          rows={rows}
          spellCheck={false}
          placeholder={placeholder}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          onChange={(e) => onText(e.target.value)}
          onBlur={() => {
            gesture.end();
            if (!error) setDraft(null);
          }}
        />
      )}
    </Field>
  );
}
