import type { ChangeEvent } from 'react';
import { Box, Checkbox, Flex, IconButton, MultiSelect, MultiSelectOption, TextInput, Typography } from '@strapi/design-system';
import { Trash } from '@strapi/icons';
import { keyFromLabel } from '../editors/keys';
import { ProblemLines } from '../editors/ProblemLines';
import { PropField, type Problem } from '../editors/PropField';
import type { PathError } from '../editors/server-errors';
import { GroupNode } from '../rules/GroupNode';
import { leafFor, problemsOf as conditionProblems, type Node } from '../rules/model';
import type { Subjects } from '../rules/useSubjects';
import { useT } from '../tickets/useT';
import type { Choice } from '../workflow/TransitionRow';

export type Level = Record<string, any>;

interface Props {
  level: Level;
  index: number;
  /** Keys of the other levels (a key is unique in a policy). */
  otherKeys: Set<string>;
  roles: Choice[];
  subjects: Subjects;
  problems: Problem[];
  /** The server's answer about this level's condition, under `when`. */
  whenErrors: PathError[];
  disabled?: boolean;
  onChange: (next: Level) => void;
  onRemove: () => void;
}

/**
 * One level of approval: its name (the key follows it while it is as generated), who decides, and
 * when the level applies — always, or when the ticket meets conditions (e.g. 赔付金额 > ¥500).
 */
export const LevelCard = ({ level, index, otherKeys, roles, subjects, problems, whenErrors, disabled, onChange, onRemove }: Props) => {
  const t = useT();
  const label = level.label?.['zh-Hans'] ?? '';
  const generated = level.key === keyFromLabel(label, otherKeys, `level_${index + 1}`, 'snake');
  const roleValues: string[] = Array.isArray(level.roles) ? level.roles : [];
  const choices = [...roles, ...roleValues.filter((r) => !roles.some((c) => c.value === r)).map((r) => ({ value: r, label: r }))];
  const when: Node | undefined = level.when;
  const whenProblems = conditionProblems(when ?? { all: [] }, whenErrors, when !== undefined);
  const set = (patch: Level) => {
    const next = { ...level, ...patch };
    for (const prop of Object.keys(next)) if (next[prop] === undefined) delete next[prop];
    onChange(next);
  };
  return (
    <Box padding={3} hasRadius borderColor={problems.length ? 'danger600' : 'neutral200'} data-testid={`approval-level-${index}`}>
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Flex justifyContent="space-between">
          <Typography fontWeight="bold">{t('approval.level.n', { n: index + 1, name: label })}</Typography>
          <IconButton label={t('approval.level.remove')} variant="ghost" disabled={disabled} data-testid={`approval-level-remove-${index}`} onClick={onRemove}>
            <Trash />
          </IconButton>
        </Flex>
        <ProblemLines problems={problems.filter((p) => p.prop === '')} testId={`approval-level-${index}-error`} />
        <Flex gap={2} alignItems="flex-start">
          <Box flex={1}>
            <PropField prop="label" label={t('approval.level.label')} problems={problems} testPrefix={`approval-level-${index}`}>
              <TextInput
                value={label}
                disabled={disabled}
                data-testid={`approval-level-${index}-label`}
                onChange={(e: ChangeEvent<HTMLInputElement>) =>
                  set({ label: { ...level.label, 'zh-Hans': e.target.value }, key: generated ? keyFromLabel(e.target.value, otherKeys, `level_${index + 1}`, 'snake') : level.key })
                }
              />
            </PropField>
          </Box>
          <Box flex={1}>
            <PropField prop="key" label={t('approval.level.key')} problems={problems} testPrefix={`approval-level-${index}`}>
              <TextInput value={level.key ?? ''} disabled={disabled} onChange={(e: ChangeEvent<HTMLInputElement>) => set({ key: e.target.value })} />
            </PropField>
          </Box>
          <Box flex={2}>
            <PropField prop="roles" label={t('approval.level.roles')} problems={problems} testPrefix={`approval-level-${index}`} group>
              <MultiSelect
                aria-label={t('approval.level.roles.n', { n: index + 1 })}
                withTags
                value={roleValues}
                disabled={disabled}
                data-testid={`approval-level-${index}-roles`}
                onChange={(next: string[]) => set({ roles: next })}
              >
                {choices.map((r) => (
                  <MultiSelectOption key={r.value} value={r.value}>
                    {r.label}
                  </MultiSelectOption>
                ))}
              </MultiSelect>
            </PropField>
          </Box>
        </Flex>
        <Checkbox
          checked={when !== undefined}
          disabled={disabled}
          data-testid={`approval-level-${index}-conditional`}
          onCheckedChange={(on: boolean) => set({ when: on === true ? { all: [leafFor('compensationFen', subjects.fields, [])] } : undefined })}
        >
          {t('approval.level.conditional')}
        </Checkbox>
        {when !== undefined && (
          <GroupNode node={when} path={[]} depth={0} subjects={subjects} problems={whenProblems} verdicts={null} disabled={disabled} onChange={(next) => set({ when: next })} />
        )}
      </Flex>
    </Box>
  );
};
