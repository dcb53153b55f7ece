import { Box, Flex, IconButton, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { Trash } from '@strapi/icons';
import { AddButton } from '../editors/EditorFrame';
import { ProblemLines } from '../editors/ProblemLines';
import type { Problem } from '../editors/PropField';
import { useT } from '../tickets/useT';
import { ConditionRow } from './ConditionRow';
import { isGroup, kindOf, leafFor, membersOf, pathKey, problemsAt, setKind, setMembers, type GroupKind, type Node, type Path } from './model';
import type { Subjects } from './useSubjects';
import { VerdictBadge, type Verdict } from './Verdict';

const KINDS: GroupKind[] = ['all', 'any', 'none'];
/** Groups within groups, as deep as the server allows (server/src/rules/conditions.ts MAX_DEPTH). */
const MAX_GROUP_DEPTH = 5;

interface Props {
  node: Node;
  path: Path;
  depth: number;
  subjects: Subjects;
  problems: Map<string, Problem[]>;
  verdicts: Map<string, Verdict> | null;
  disabled?: boolean;
  onChange: (next: Node) => void;
  /** Absent for the top group, which cannot be removed. */
  onRemove?: () => void;
}

export const idOf = (path: Path) => pathKey(path) || 'root';

/** A group of conditions: all of them, any of them or none of them must hold; members are conditions or groups. */
export const GroupNode = ({ node, path, depth, subjects, problems, verdicts, disabled, onChange, onRemove }: Props) => {
  const t = useT();
  const id = idOf(path);
  const members = membersOf(node, path);
  const replaceMember = (i: number, next: Node | null) => {
    const list = members.map((m) => m.node);
    onChange(setMembers(node, next ? list.map((m, j) => (j === i ? next : m)) : list.filter((_, j) => j !== i)));
  };
  const newLeaf = () => leafFor('customerVipLevel', subjects.fields, []);
  const mine = problemsAt(problems, node, path);
  return (
    <Box padding={3} hasRadius borderColor={mine.length ? 'danger600' : 'neutral200'} background={depth % 2 ? 'neutral0' : 'neutral100'} data-testid={`rules-group-${id}`}>
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Flex gap={2}>
          <Box minWidth="14rem">
            <SingleSelect
              aria-label={t('rules.group.kind')}
              value={kindOf(node)}
              disabled={disabled}
              data-testid={`rules-kind-${id}`}
              onChange={(v: string | number) => onChange(setKind(node, v as GroupKind))}
            >
              {KINDS.map((k) => (
                <SingleSelectOption key={k} value={k}>
                  {t(`rules.group.${k}`)}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Box>
          <VerdictBadge verdict={verdicts?.get(pathKey(path))} testId={`rules-verdict-${id}`} />
          {onRemove && (
            <IconButton label={t('rules.group.remove')} variant="ghost" disabled={disabled} data-testid={`rules-remove-${id}`} onClick={onRemove}>
              <Trash />
            </IconButton>
          )}
        </Flex>
        <ProblemLines problems={mine} testId={`rules-error-${id}`} />
        {members.map((m, i) =>
          isGroup(m.node) ? (
            <GroupNode
              key={pathKey(m.path)}
              node={m.node}
              path={m.path}
              depth={depth + 1}
              subjects={subjects}
              problems={problems}
              verdicts={verdicts}
              disabled={disabled}
              onChange={(next) => replaceMember(i, next)}
              onRemove={() => replaceMember(i, null)}
            />
          ) : (
            <ConditionRow
              key={pathKey(m.path)}
              leaf={m.node}
              id={idOf(m.path)}
              subjects={subjects}
              problems={problems.get(pathKey(m.path)) ?? []}
              verdict={verdicts?.get(pathKey(m.path))}
              disabled={disabled}
              onChange={(next) => replaceMember(i, next)}
              onRemove={() => replaceMember(i, null)}
            />
          ),
        )}
        <Flex gap={2}>
          <AddButton
            label={t('rules.condition.add')}
            testId={`rules-add-condition-${id}`}
            disabled={disabled}
            onClick={() => onChange(setMembers(node, [...members.map((m) => m.node), newLeaf()]))}
          />
          {depth < MAX_GROUP_DEPTH && (
            <AddButton
              label={t('rules.group.add')}
              testId={`rules-add-group-${id}`}
              disabled={disabled}
              onClick={() => onChange(setMembers(node, [...members.map((m) => m.node), { any: [newLeaf()] }]))}
            />
          )}
        </Flex>
      </Flex>
    </Box>
  );
};
