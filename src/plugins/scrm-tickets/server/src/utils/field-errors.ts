import { errors } from '@strapi/utils';

export interface PathError {
  path: (string | number)[];
  message: string;
}

/**
 * Strapi's validation error shape (as yup errors are reported): a summary message and
 * `details.errors[]` each with the field `path` as an array, so clients can point at the field.
 */
export const validationError = (list: PathError[]) => {
  const first = list[0];
  const summary =
    list.length === 1
      ? `${first.path.join('.')} ${first.message}`
      : `${list.length} errors occurred (first: ${first.path.join('.')} ${first.message})`;
  return new errors.ValidationError(summary, {
    errors: list.map((e) => ({ path: e.path.map(String), message: e.message, name: 'ValidationError' })),
  });
};

export const assertNoErrors = (list: PathError[]) => {
  if (list.length > 0) throw validationError(list);
};
