// Checks a project library file before anything is imported: its shape against the JSON Schema
// (ajv, every error at once), then each item's settings with the same validators a save in the
// admin runs, then the keys it refers to. Every problem is reported with its JSON pointer.
import Ajv, { type ErrorObject } from 'ajv';
import { validateFieldDefinitions } from '../fields/definitions';
import type { Path } from '../fields/types';
import { notificationTextsErrors } from '../middlewares/message-text-writes';
import { slaPolicyErrors } from '../middlewares/sla-policy-writes';
import { validateActions } from '../rules/actions';
import { validateConditions } from '../rules/conditions';
import { validatePriceList } from '../settlement/price-list';
import { validateTierModel } from '../settlement/validate-tier';
import { validateApprovalLevels } from '../workflow/approval-levels';
import { validateWorkflow } from '../workflow/validate-workflow';
import schema from './library.schema.json';
import { SECTIONS, type Library, type Section } from './types';

export interface LibraryError {
  /** JSON pointer into the file ("/templates/2/workflow/states/0/key"). */
  pointer: string;
  message: string;
}

const ajv = new Ajv({ allErrors: true, strict: false });
const checkShape = ajv.compile(schema);

/** A path as a JSON pointer (RFC 6901: "~" → "~0", "/" → "~1"). */
export const pointerOf = (path: Path): string => path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

function shapeError(e: ErrorObject): LibraryError {
  const params = e.params as Record<string, string>;
  const extra = e.keyword === 'required' ? params.missingProperty : e.keyword === 'additionalProperties' ? params.additionalProperty : null;
  const pointer = extra === null ? e.instancePath : `${e.instancePath}${pointerOf([extra])}`;
  const message = e.keyword === 'additionalProperties' ? 'is not a setting here' : e.keyword === 'enum' ? `${e.message}: ${(params as any).allowedValues.join(', ')}` : e.message ?? 'is not valid';
  return { pointer, message };
}

/** The settings inside one item, checked as the admin checks them on save. */
function itemErrors(section: Section, item: any, regionCodes: Set<string>): { path: Path; message: string }[] {
  switch (section) {
    case 'templates':
      return [
        ...validateFieldDefinitions(item.fieldDefinitions, ['fieldDefinitions']),
        ...(item.workflow === undefined ? [] : validateWorkflow(item.workflow, ['workflow'])),
        ...(item.notificationTexts === undefined ? [] : notificationTextsErrors(item.notificationTexts)),
      ];
    case 'slaPolicies':
      return slaPolicyErrors(item, true);
    case 'routingRules':
      return [...validateConditions(item.conditions, ['conditions']), ...validateActions(item.actions, ['actions'])];
    case 'approvalPolicies':
      return validateApprovalLevels(item.levels, ['levels']);
    case 'settlementTiers':
      return validateTierModel(item.model, ['model']);
    case 'priceLists':
      return validatePriceList(item, regionCodes);
  }
}

export interface KnownKeys {
  /** Keys already in the app, which the file may refer to without bringing them. */
  settlementTiers: Set<string>;
  slaPolicies: Set<string>;
  approvalPolicies: Set<string>;
  regionCodes: Set<string>;
}

/** Every problem of a library file — its shape, then items' settings, then references; none means it can be imported. */
export function validateLibrary(file: unknown, known: KnownKeys): LibraryError[] {
  const errors: LibraryError[] = [];
  if (!checkShape(file)) errors.push(...(checkShape.errors ?? []).map(shapeError));
  if (!file || typeof file !== 'object' || Array.isArray(file)) return errors;
  const library = file as Library;
  // Items whose shape is wrong are not looked into: their settings would only repeat the error.
  const broken = (pointer: string) => errors.some((e) => e.pointer === pointer || e.pointer.startsWith(`${pointer}/`));
  const keys = { settlementTiers: new Set(known.settlementTiers), slaPolicies: new Set(known.slaPolicies), approvalPolicies: new Set(known.approvalPolicies) };

  for (const section of SECTIONS) {
    const items = library[section];
    if (!Array.isArray(items)) continue;
    const seen = new Set<string>();
    items.forEach((item: any, i) => {
      const at = `/${section}/${i}`;
      const identity = section === 'routingRules' ? 'name' : 'key';
      if (item && typeof item[identity] === 'string') {
        if (seen.has(item[identity])) errors.push({ pointer: `${at}/${identity}`, message: `is listed twice in ${section}` });
        seen.add(item[identity]);
        if (section in keys) keys[section as keyof typeof keys].add(item[identity]);
      }
      if (broken(at)) return;
      for (const e of itemErrors(section, item, known.regionCodes)) errors.push({ pointer: `${at}${pointerOf(e.path)}`, message: e.message });
    });
  }

  // References by key: to an item of the file, or one the app already has.
  (library.templates ?? []).forEach((t: any, i) => {
    if (typeof t?.settlementTier === 'string' && !keys.settlementTiers.has(t.settlementTier)) errors.push({ pointer: `/templates/${i}/settlementTier`, message: 'is not a settlement tier of the file or the app' });
    const pinned = t?.slaPolicy?.key;
    if (typeof pinned === 'string' && !keys.slaPolicies.has(pinned)) errors.push({ pointer: `/templates/${i}/slaPolicy/key`, message: 'is not an SLA policy of the file or the app' });
  });
  (library.routingRules ?? []).forEach((r: any, i) => {
    (Array.isArray(r?.actions) ? r.actions : []).forEach((a: any, j: number) => {
      if (a?.type === 'requireApproval' && typeof a.policy === 'string' && !keys.approvalPolicies.has(a.policy)) {
        errors.push({ pointer: `/routingRules/${i}/actions/${j}/policy`, message: 'is not an approval policy of the file or the app' });
      }
    });
  });
  return errors;
}
