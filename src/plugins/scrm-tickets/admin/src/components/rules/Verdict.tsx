import { Badge, Typography } from '@strapi/design-system';
import { useT } from '../tickets/useT';

/** A node's verdict on the ticket "try it" ran on. */
export interface Verdict {
  result: boolean;
  factValue?: unknown;
  /** The engine settled the group without it; the verdict is of the node on its own. */
  skipped?: boolean;
}

const plain = (v: unknown) => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

/** ✓ or ✗ beside a condition or group, and for a condition, what the ticket holds. */
/** `show`: a value in the user's words (an option's name instead of its stored value). */
export const VerdictBadge = ({ verdict, testId, leaf, show = plain }: { verdict: Verdict | undefined; testId: string; leaf?: boolean; show?: (value: unknown) => string }) => {
  const t = useT();
  if (!verdict) return null;
  return (
    <>
      <Badge
        backgroundColor={verdict.result ? 'success100' : 'danger100'}
        textColor={verdict.result ? 'success700' : 'danger700'}
        data-testid={testId}
        data-result={String(verdict.result)}
      >
        {verdict.result ? t('rules.try.holds') : t('rules.try.fails')}
        {verdict.skipped ? ` · ${t('rules.try.skipped')}` : ''}
      </Badge>
      {leaf && (
        <Typography variant="pi" textColor="neutral600" data-testid={`${testId}-fact`}>
          {t('rules.try.factValue', { value: show(verdict.factValue) })}
        </Typography>
      )}
    </>
  );
};
