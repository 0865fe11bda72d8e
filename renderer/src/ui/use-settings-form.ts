/**
 * The settings form's state and its two round trips, shared by Settings and the first-run wizard:
 * test one side's connection, save. Errors land by field, from the schema first (before anything
 * is sent), then from the engine's answer.
 */
import { useCallback, useEffect, useState } from 'react';
import { ShownError } from './hooks';
import type { ChannelAnswer, SettingsView, TillbridgeApi } from '../../../electron/engine/api/channels';
import { formFromView, inputFromForm, splitFieldErrors, validateForm, type FieldErrors, type FieldPath, type FormValues, type Section } from '../lib/settings-form';

export const settingsFormText = {
  fixFields: 'Some fields need fixing: see the messages next to them.',
};

type TestAnswer = ChannelAnswer<'testConnections'>;
export type SideResult = { ok: boolean; message: string; general: string[] };

export function useSettingsForm(api: TillbridgeApi, view: SettingsView | null) {
  const [values, setValues] = useState<FormValues>(() => formFromView(view));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [results, setResults] = useState<Partial<Record<'store' | 'pos', SideResult>>>({});
  // Moves after a check found errors: the first field in error then takes focus.
  const [focusFirstError, setFocusFirstError] = useState(0);

  useEffect(() => {
    if (focusFirstError) document.querySelector<HTMLElement>('main [aria-invalid="true"]')?.focus();
  }, [focusFirstError]);

  useEffect(() => {
    setValues(formFromView(view));
    setErrors({});
  }, [view]);

  const setField = useCallback((field: FieldPath, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => {
      if (!e[field]) return e;
      const next = { ...e };
      delete next[field];
      return next;
    });
  }, []);

  /** Replaces the errors of these sections, keeping the others. */
  const putErrors = useCallback((sections: readonly Section[], found: FieldErrors) => {
    setErrors((e) => {
      const kept = Object.fromEntries(Object.entries(e).filter(([k]) => !sections.includes(k.split('.')[0] as Section)));
      return { ...kept, ...found };
    });
  }, []);

  const checkLocally = useCallback((sections: readonly Section[]) => {
    const found = validateForm(values, sections);
    putErrors(sections, found);
    if (Object.keys(found).length) {
      setFocusFirstError((n) => n + 1);
      throw new ShownError(settingsFormText.fixFields);
    }
  }, [values, putErrors]);

  const test = useCallback(async (side: 'store' | 'pos'): Promise<TestAnswer> => {
    checkLocally([side]);
    return api.testConnections(inputFromForm(values, [side]));
  }, [api, values, checkLocally]);

  const takeTest = useCallback((side: 'store' | 'pos', answer: TestAnswer) => {
    const r = answer[side];
    if (!r) return;
    const { byField, general } = splitFieldErrors(r.fieldErrors);
    putErrors([side], byField);
    if (Object.keys(byField).length) setFocusFirstError((n) => n + 1);
    setResults((all) => ({ ...all, [side]: { ok: r.ok, message: r.message, general } }));
  }, [putErrors]);

  const save = useCallback(async (sections: readonly Section[]) => {
    checkLocally(sections);
    return api.saveSettings(inputFromForm(values, sections));
  }, [api, values, checkLocally]);

  const takeSave = useCallback((answer: ChannelAnswer<'saveSettings'>, sections: readonly Section[]) => {
    if (answer.ok) return;
    const { byField } = splitFieldErrors(answer.fieldErrors);
    putErrors(sections, byField);
    if (Object.keys(byField).length) setFocusFirstError((n) => n + 1);
  }, [putErrors]);

  /** Checks these sections before moving on; false (and the errors shown) when something needs fixing. */
  const validate = useCallback((sections: readonly Section[]): boolean => {
    const found = validateForm(values, sections);
    putErrors(sections, found);
    if (Object.keys(found).length) setFocusFirstError((n) => n + 1);
    return Object.keys(found).length === 0;
  }, [values, putErrors]);

  return { values, errors, results, setField, test, takeTest, save, takeSave, validate };
}
