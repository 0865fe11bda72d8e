/** A button that runs a command: disabled (and aria-busy) while the command runs, its name unchanged so it can be found. */
import type { ReactNode } from 'react';
import type { Command } from './hooks';

export function CommandButton({ command, children, kind = 'primary', label, disabled, testId }: {
  command: Command<[]>;
  children: ReactNode;
  kind?: 'primary' | 'secondary' | 'quiet' | 'danger';
  /** An accessible name that adds to the visible text ("Retry SKU-1"), for buttons repeated per row. */
  label?: string;
  disabled?: boolean;
  testId?: string;
}) {
  return (
    <button
      type="button"
      className={`button-${kind}${command.busy ? ' is-busy' : ''}`}
      disabled={disabled || command.busy}
      aria-busy={command.busy || undefined}
      aria-label={label}
      data-testid={testId}
      onClick={() => void command.run()}
    >
      {children}
    </button>
  );
}
