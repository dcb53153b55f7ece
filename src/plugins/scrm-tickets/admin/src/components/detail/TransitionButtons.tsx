import { useIntl } from 'react-intl';
import { Button, Flex, Typography } from '@strapi/design-system';
import { localize } from '../tickets/types';
import { useT } from '../tickets/useT';
import type { ChecklistItem, Transition } from './types';

interface Props {
  transitions: Transition[];
  /** The current state's checklist, which names the unticked items the server lists by key. */
  checklist: ChecklistItem[];
  busy: boolean;
  onTransition: (to: string) => void;
}

/** A button per move the reader may take now; one the checklist still blocks says what to tick. */
export const TransitionButtons = ({ transitions, checklist, busy, onTransition }: Props) => {
  const t = useT();
  const { locale } = useIntl();
  const labelOf = (item: string | ChecklistItem) => {
    const found = typeof item === 'string' ? checklist.find((i) => i.key === item) : item;
    return found ? localize(found.label, locale) : String(item);
  };
  if (transitions.length === 0) return <Typography textColor="neutral600">{t('detail.transitions.none')}</Typography>;
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      {transitions.map((transition) => (
        <Flex key={transition.to} direction="column" alignItems="flex-start" gap={1}>
          <Button
            variant="secondary"
            onClick={() => onTransition(transition.to)}
            disabled={busy || transition.unticked.length > 0}
            data-testid={`transition-${transition.to}`}
          >
            {localize(transition.label, locale)}
          </Button>
          {transition.approval && (
            <Typography variant="pi" textColor="neutral600">
              {t('detail.transition.approval')}
            </Typography>
          )}
          {transition.unticked.length > 0 && (
            <Typography variant="pi" textColor="warning600">
              {t('detail.transition.unticked', { items: transition.unticked.map(labelOf).join('、') })}
            </Typography>
          )}
        </Flex>
      ))}
    </Flex>
  );
};
