import { Field } from './Field';
import { useEditGesture } from './useEditGesture';

export interface TextInputProps {
  label: string;
  value: string | undefined;
  /** Receives undefined when an optional field is emptied. */
  onChange(value: string | undefined): void;
  path?: string;
  optional?: boolean;
  multiline?: boolean;
  mono?: boolean;
  placeholder?: string;
  hint?: string;
  rows?: number;
  list?: string;
  readOnly?: boolean;
}

/** A text (or multi-line) field committed as the user types; one undo step per visit. */
export function TextInput(props: TextInputProps) {
  const { label, value, onChange, path, optional, multiline, mono, placeholder, hint, rows = 3, list, readOnly } = props;
  const gesture = useEditGesture();
  const commit = (text: string): void => {
    gesture.touch();
    onChange(optional && text === '' ? undefined : text);
  };
  return (
    <Field label={label} path={path} hint={hint} wide={multiline}>
      {({ inputId, describedBy, invalid }) =>
        multiline ? (
          <textarea
            id={inputId}
            className={`ef-input ef-input--area${mono ? ' ef-input--mono' : ''}`}
            value={value ?? ''}
            placeholder={placeholder}
            rows={rows}
            spellCheck={!mono}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            readOnly={readOnly}
            onChange={(e) => commit(e.target.value)}
            onBlur={gesture.end}
          />
        ) : (
          <input
            id={inputId}
            className={`ef-input${mono ? ' ef-input--mono' : ''}`}
            value={value ?? ''}
            placeholder={placeholder}
            list={list}
            spellCheck={false}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            readOnly={readOnly}
            onChange={(e) => commit(e.target.value)}
            onBlur={gesture.end}
          />
        )
      }
    </Field>
  );
}
