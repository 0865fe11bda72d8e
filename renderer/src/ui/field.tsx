/** A labelled form field with its error right beside it (aria-invalid + aria-describedby). */
import { useId, type ReactNode } from 'react';

const text = {
  storedSecret: 'stored — type to replace',
};

interface BaseProps {
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string | undefined;
  hint?: string | undefined;
  name: string;
}

function describedBy(errorId: string, hintId: string, error?: string, hint?: string): string | undefined {
  return [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
}

function Wrap({ id, label, error, hint, children }: { id: string; label: string; error?: string | undefined; hint?: string | undefined; children: ReactNode }) {
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && <p className="field-hint" id={`${id}-hint`}>{hint}</p>}
      {error && <p className="field-error" id={`${id}-error`}>{error}</p>}
    </div>
  );
}

export function TextField({ label, value, onChange, error, hint, name, type = 'text', inputMode, autoComplete = 'off' }: BaseProps & {
  type?: 'text' | 'url' | 'number';
  inputMode?: 'numeric' | 'url' | 'text';
  autoComplete?: string;
}) {
  const id = useId();
  return (
    <Wrap id={id} label={label} error={error} hint={hint}>
      <input
        id={id}
        name={name}
        type={type === 'number' ? 'text' : type}
        inputMode={inputMode ?? (type === 'number' ? 'numeric' : undefined)}
        value={value}
        autoComplete={autoComplete}
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(`${id}-error`, `${id}-hint`, error, hint)}
        onChange={(e) => onChange(e.target.value)}
      />
    </Wrap>
  );
}

/** A write-only secret: never prefilled; says when one is stored. */
export function SecretField({ label, value, onChange, error, hint, name, stored }: BaseProps & { stored: boolean }) {
  const id = useId();
  return (
    <Wrap id={id} label={label} error={error} hint={hint}>
      <input
        id={id}
        name={name}
        type="password"
        value={value}
        autoComplete="new-password"
        placeholder={stored ? text.storedSecret : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(`${id}-error`, `${id}-hint`, error, hint)}
        onChange={(e) => onChange(e.target.value)}
      />
    </Wrap>
  );
}

export function SelectField({ label, value, onChange, error, hint, name, options }: BaseProps & { options: { value: string; label: string }[] }) {
  const id = useId();
  return (
    <Wrap id={id} label={label} error={error} hint={hint}>
      <select
        id={id}
        name={name}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(`${id}-error`, `${id}-hint`, error, hint)}
        onChange={(e) => onChange(e.target.value)}
      >
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </Wrap>
  );
}
