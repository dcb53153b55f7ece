export const FIELD_TYPES = [
  'text', 'textarea', 'number', 'money', 'date', 'datetime', 'select', 'multiselect',
  'boolean', 'mobile', 'email', 'media', 'region', 'location',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface Label {
  'zh-Hans': string;
  en?: string;
}

export interface FieldOption {
  value: string;
  label: Label;
}

/** Exactly one of `equals`, `in`, `notEmpty`. */
export interface VisibleWhen {
  field: string;
  equals?: unknown;
  in?: unknown[];
  notEmpty?: boolean;
}

export interface FieldDefinition {
  key: string;
  label: Label;
  type: FieldType;
  required?: boolean;
  options?: FieldOption[];
  min?: number;
  max?: number;
  pattern?: string;
  default?: unknown;
  multiple?: boolean;
  visibleWhen?: VisibleWhen;
  helpText?: Partial<Label>;
}

export type Path = (string | number)[];

export interface FieldError {
  path: Path;
  message: string;
}
