import { useState, type ChangeEvent } from 'react';
import { Flex, TextInput, Typography } from '@strapi/design-system';
import { useT } from '../tickets/useT';
import { compilePattern } from '../../../../server/src/fields/checkers';

/** Try a pattern on a sample before customers meet it: the same compilation the server makes. */
export const PatternTester = ({ pattern }: { pattern: string }) => {
  const t = useT();
  const [sample, setSample] = useState('');
  const regex = pattern ? compilePattern(pattern) : null;
  const verdict = !regex || sample === '' ? null : regex.test(sample);
  return (
    <Flex gap={2} alignItems="center">
      <TextInput
        aria-label={t('designer.pattern.sample')}
        placeholder={t('designer.pattern.sample')}
        value={sample}
        disabled={!regex}
        data-testid="designer-pattern-sample"
        onChange={(e: ChangeEvent<HTMLInputElement>) => setSample(e.target.value)}
      />
      {verdict !== null && (
        <Typography variant="pi" textColor={verdict ? 'success600' : 'danger600'} data-testid="designer-pattern-verdict">
          {t(verdict ? 'designer.pattern.matches' : 'designer.pattern.fails')}
        </Typography>
      )}
    </Flex>
  );
};
