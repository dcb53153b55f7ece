import { useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { messagesOf, type Workflow } from './types';

interface Answer {
  template: string;
  workflow: Workflow | null;
  error: string[];
}

/** The template's workflow: its states are the board's columns, its transitions the highlights. */
export const useWorkflow = (template: string) => {
  const { get } = useFetchClient();
  const [answer, setAnswer] = useState<Answer | null>(null);

  useEffect(() => {
    if (!template) return;
    // An answer for a template the user has since left is dropped.
    let current = true;
    get(`/scrm-tickets/templates/${encodeURIComponent(template)}/workflow`)
      .then((res: { data: unknown }) => current && setAnswer({ template, workflow: (res.data as { data: Workflow }).data, error: [] }))
      .catch((error: unknown) => current && setAnswer({ template, workflow: null, error: messagesOf(error) }));
    return () => {
      current = false;
    };
  }, [get, template]);

  // From the render in which the template changes, the previous template's workflow is not shown.
  const mine = answer?.template === template ? answer : null;
  return { workflow: mine?.workflow ?? null, error: mine?.error ?? [] };
};
