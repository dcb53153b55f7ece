import { useMemo } from 'react';
import { TEMPLATE_UID } from '../../../../server/src/constants';
import { DEFAULT_WORKFLOW } from '../../../../server/src/workflow/default-workflow';
import { entriesPath, useCollection } from './useCollection';

interface Template {
  key: string;
  name: string;
  fieldDefinitions?: { key: string; type: string; label?: { 'zh-Hans'?: string }; options?: { value: string; label?: { 'zh-Hans'?: string } }[] }[];
  workflow?: { states?: { key: string; label?: { 'zh-Hans'?: string } }[] } | null;
}

/** A label's Chinese text, or `fallback` (its key) when it has none. */
export const zh = (label: { 'zh-Hans'?: string } | undefined, fallback: string) => label?.['zh-Hans'] || fallback;

/** The templates, and every workflow state any of them (or the default workflow) has, by key with its Chinese name. */
export function useTemplates() {
  const templates = useCollection<Template>(entriesPath(TEMPLATE_UID));
  const states = useMemo(() => {
    const byKey = new Map<string, string>();
    for (const wf of [DEFAULT_WORKFLOW, ...templates.map((x) => x.workflow)]) for (const s of wf?.states ?? []) if (!byKey.has(s.key)) byKey.set(s.key, zh(s.label, s.key));
    return [...byKey].map(([value, label]) => ({ value, label }));
  }, [templates]);
  return { templates, states };
}
