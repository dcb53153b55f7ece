import { useCallback, useMemo } from 'react';
import { REGION_UID, SOURCES } from '../../../../server/src/constants';
import { PRIORITIES } from '../../../../server/src/rules/actions';
import { entriesPath, useCollection } from '../editors/useCollection';
import { useTemplates, zh } from '../editors/useTemplates';
import { useSourceLabel } from '../tickets/useSourceLabel';
import { useT } from '../tickets/useT';
import { FACT_NAMES, type FieldSubject } from './model';

export interface Known {
  value: string | number;
  label: string;
}

/**
 * What a condition may test, in the user's words: the ticket's facts, and every field of every
 * template (a key shared by templates is one subject), each with the values it can take where
 * they are known — priorities, sources, states, templates, regions, weekdays, a field's options.
 */
export function useSubjects() {
  const t = useT();
  const sourceLabel = useSourceLabel();
  const { templates, states } = useTemplates();
  const regions = useCollection<{ code: string; name: string }>(entriesPath(REGION_UID));

  const fields: FieldSubject[] = useMemo(() => {
    const byKey = new Map<string, FieldSubject>();
    for (const template of templates) {
      for (const def of template.fieldDefinitions ?? []) {
        if (byKey.has(def.key)) continue;
        byKey.set(def.key, {
          key: def.key,
          label: `${zh(def.label, def.key)}（${template.name}）`,
          type: def.type,
          ...(def.options ? { options: def.options.map((o) => ({ value: o.value, label: zh(o.label, o.value) })) } : {}),
        });
      }
    }
    return [...byKey.values()];
  }, [templates]);

  const subjects = useMemo(
    () => [
      ...FACT_NAMES.map((f) => ({ value: f, label: t(`rules.fact.${f}`), group: 'fact' as const })),
      ...fields.map((f) => ({ value: `fields:${f.key}`, label: f.label, group: 'field' as const })),
    ],
    [fields, t],
  );

  /** The values a subject can take, or null when any may be typed. */
  const knownOf = useCallback(
    (subject: string): Known[] | null => {
      if (subject.startsWith('fields:')) {
        const options = fields.find((f) => f.key === subject.slice('fields:'.length))?.options;
        return options ?? null;
      }
      switch (subject) {
        case 'priority':
          return PRIORITIES.map((p) => ({ value: p, label: t(`tickets.priority.${p}`) }));
        case 'source':
          return SOURCES.map((s) => ({ value: s, label: sourceLabel(s) }));
        case 'state':
          return states;
        case 'template':
          return templates.map((x) => ({ value: x.key, label: x.name }));
        case 'region':
        case 'regionCodes':
          return regions.map((r) => ({ value: r.code, label: `${r.name} (${r.code})` }));
        case 'weekday':
          return [1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: t(`rules.weekday.${d}`) }));
        default:
          return null;
      }
    },
    [fields, states, templates, regions, sourceLabel, t],
  );

  return { subjects, fields, knownOf };
}

export type Subjects = ReturnType<typeof useSubjects>;
