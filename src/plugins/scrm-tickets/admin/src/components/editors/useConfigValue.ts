import { useEffect, useMemo, useRef, useState } from 'react';
import { errorLeaves, type PathError } from './server-errors';

/** What the Content Manager gives a custom field's input (its form field, `useField`, spread in). */
export interface CustomFieldProps {
  name: string;
  value: unknown;
  /** What is stored (the form's initial value). */
  initialValue?: unknown;
  onChange: (name: string, value: unknown) => void;
  /** The server's errors of the last save under this attribute, nested by path. */
  rawError?: unknown;
  error?: string;
  label?: string;
  hint?: string;
  required?: boolean;
  disabled?: boolean;
}

const NONE: PathError[] = [];

/**
 * The value a low-code editor edits, for every editor alike:
 * - `serverErrors`: the server's answer to the last save, while the value is still what was refused
 *   (once it changes, the editor's own checks speak);
 * - `start`: what a required setting of a new entry begins as;
 * - the Content Manager reloads the entry after a refused save and its form falls back to what is
 *   stored: the value being fixed must not go with it, so the last one typed is put back.
 */
export function useConfigValue({ name, value, initialValue, onChange, rawError }: CustomFieldProps, start?: () => unknown) {
  const current = JSON.stringify(value ?? null);
  const [rejected, setRejected] = useState<{ errors: PathError[]; at: string } | null>(null);
  useEffect(() => setRejected(rawError ? { errors: errorLeaves(rawError), at: current } : null), [rawError]);

  const emitted = useRef<string | null>(null);
  useEffect(() => {
    if (emitted.current !== null && current !== emitted.current && current === JSON.stringify(initialValue ?? null)) onChange(name, JSON.parse(emitted.current));
  }, [value, initialValue]);

  const commit = (next: unknown) => {
    emitted.current = JSON.stringify(next ?? null);
    onChange(name, next);
  };
  // A new entry's setting that must be there starts as what the editor shows (not an empty value
  // the user would only learn about from the server's refusal).
  useEffect(() => {
    if (start && (value === undefined || value === null)) commit(start());
  }, []);
  const serverErrors = useMemo(() => (rejected && rejected.at === current ? rejected.errors : NONE), [rejected, current]);
  return { commit, serverErrors };
}
