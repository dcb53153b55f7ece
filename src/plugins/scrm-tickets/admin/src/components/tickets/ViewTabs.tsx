import { Tabs } from '@strapi/design-system';
import { VIEWS } from './types';
import { useT } from './useT';

/** The saved views (全部 / 我的待办 / 即将超时 / 待我审批); the filters apply within the view. */
export const ViewTabs = ({ value, onChange }: { value: string; onChange: (view: string) => void }) => {
  const t = useT();
  return (
    <Tabs.Root variant="simple" value={value} onValueChange={onChange}>
      <Tabs.List aria-label={t('tickets.views')}>
        {VIEWS.map((view) => (
          <Tabs.Trigger key={view} value={view} data-testid={`view-${view}`}>
            {t(`tickets.view.${view}`)}
          </Tabs.Trigger>
        ))}
      </Tabs.List>
    </Tabs.Root>
  );
};
