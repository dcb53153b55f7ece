import { useMemo } from 'react';
import { Box, Checkbox, Flex, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { EditorFrame } from '../editors/EditorFrame';
import { ProblemLines } from '../editors/ProblemLines';
import { PropField } from '../editors/PropField';
import { useConfigValue, type CustomFieldProps } from '../editors/useConfigValue';
import { useT } from '../tickets/useT';
import { DatesEditor } from './DatesEditor';
import { DuePreview } from './DuePreview';
import { newSchedule, problemsOf, type ScheduleDraft } from './model';
import { WindowsEditor } from './WindowsEditor';

const CALENDARS = ['cn', 'weekdays', 'everyday'] as const;
const ZONES = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Singapore', 'Asia/Tokyo', 'UTC'];

/** Drops a setting when it is emptied, so the stored JSON holds only what was set. */
const withSetting = (s: ScheduleDraft, prop: string, value: unknown): ScheduleDraft => {
  const next = { ...s };
  if (value === undefined || (Array.isArray(value) && value.length === 0)) delete next[prop];
  else next[prop] = value;
  return next;
};

/**
 * 服务时间 — when an SLA clock runs: which days (the Chinese working calendar with its holidays and
 * 调休 make-up days, Monday to Friday, or every day), the working hours of a day (or all day), and
 * single days off or on; with the due times of a ticket reported now, as the server will compute them.
 */
export const BusinessHoursEditor = (props: CustomFieldProps) => {
  const { value, disabled, hint, required } = props;
  const t = useT();
  const { commit, serverErrors } = useConfigValue(props, newSchedule);
  const schedule: ScheduleDraft = value && typeof value === 'object' && !Array.isArray(value) ? (value as ScheduleDraft) : newSchedule();
  const problems = useMemo(() => problemsOf(schedule, serverErrors), [schedule, serverErrors]);
  const always = schedule.hours === 'always';
  const windows = Array.isArray(schedule.hours) ? schedule.hours : [];
  return (
    <EditorFrame title={t('sla.schedule.title')} testId="sla-schedule" required={required} hint={hint} gap={3}>
      <ProblemLines problems={problems.general} testId="sla-schedule-error" />
      <Flex gap={3} alignItems="flex-start">
        <Box flex={2}>
          <PropField prop="calendar" label={t('sla.calendar')} problems={problems.settings} testPrefix="sla">
            <SingleSelect
              value={schedule.calendar ?? 'cn'}
              disabled={disabled}
              data-testid="sla-calendar"
              onChange={(v: string | number) => commit({ ...schedule, calendar: String(v) })}
            >
              {CALENDARS.map((c) => (
                <SingleSelectOption key={c} value={c}>
                  {t(`sla.calendar.${c}`)}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </PropField>
        </Box>
        <Box flex={1}>
          <PropField prop="timezone" label={t('sla.timezone')} problems={problems.settings} testPrefix="sla">
            <SingleSelect
              value={schedule.timezone ?? 'Asia/Shanghai'}
              disabled={disabled}
              onChange={(v: string | number) => commit(withSetting(schedule, 'timezone', v === 'Asia/Shanghai' ? undefined : String(v)))}
            >
              {[...ZONES, ...(schedule.timezone && !ZONES.includes(schedule.timezone) ? [schedule.timezone] : [])].map((z) => (
                <SingleSelectOption key={z} value={z}>
                  {z}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </PropField>
        </Box>
      </Flex>
      <Flex direction="column" alignItems="stretch" gap={1}>
        <Flex justifyContent="space-between">
          <Typography variant="pi" fontWeight="bold">
            {t('sla.hours')}
          </Typography>
          <Checkbox
            checked={always}
            disabled={disabled}
            data-testid="sla-always"
            onCheckedChange={(on: boolean) => commit({ ...schedule, hours: on === true ? 'always' : newSchedule().hours })}
          >
            {t('sla.always')}
          </Checkbox>
        </Flex>
        <ProblemLines problems={[...problems.settings.filter((p) => p.prop === 'hours'), ...(problems.windows.get(-1) ?? [])]} testId="sla-hours-error" />
        {!always && <WindowsEditor windows={windows} problems={problems.windows} disabled={disabled} onChange={(hours) => commit({ ...schedule, hours })} />}
      </Flex>
      <Flex gap={4} alignItems="flex-start">
        <Box flex={1}>
          <DatesEditor
            kind="holidays"
            dates={Array.isArray(schedule.holidays) ? schedule.holidays : []}
            problems={problems.holidays}
            disabled={disabled}
            onChange={(d) => commit(withSetting(schedule, 'holidays', d))}
          />
        </Box>
        <Box flex={1}>
          <DatesEditor
            kind="workdays"
            dates={Array.isArray(schedule.workdays) ? schedule.workdays : []}
            problems={problems.workdays}
            disabled={disabled}
            onChange={(d) => commit(withSetting(schedule, 'workdays', d))}
          />
        </Box>
      </Flex>
      <DuePreview schedule={schedule} />
    </EditorFrame>
  );
};

export default BusinessHoursEditor;
