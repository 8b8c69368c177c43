import { Field } from './Field';

export interface SelectInputProps<T extends string> {
  label: string;
  value: T;
  options: readonly T[];
  onChange(value: T): void;
  /** How each option reads; the value itself by default. */
  describe?: (value: T) => string;
  path?: string;
  hint?: string;
  /** The label above the control, which then takes the panel's whole width (long choices). */
  wide?: boolean;
}

/** A choice among a schema's enum values; each change is one undo step. The full choice shows on hover when it is cut short. */
export function SelectInput<T extends string>({ label, value, options, onChange, describe, path, hint, wide }: SelectInputProps<T>) {
  return (
    <Field label={label} path={path} hint={hint} wide={wide}>
      {({ inputId, describedBy, invalid }) => (
        <select
          id={inputId}
          className="ef-input ef-select"
          value={value}
          title={describe ? describe(value) : value}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          onChange={(e) => onChange(e.target.value as T)}
        >
          {options.map((o) => (
            <option key={o} value={o}>
              {describe ? describe(o) : o}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
