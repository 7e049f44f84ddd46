/** A saved query's parameter as the API describes it (schema/governance.graphql, SavedQueryParameter). */
export interface Parameter {
  name: string;
  /** The GraphQL type as written in the operation: `Int!`, `[Borough!]`, `Date`. */
  type: string;
  required: boolean;
  /** The default as JSON text, if the operation gives one. */
  defaultValue: string | null;
  description: string;
  /** The values of an enum type, when the supergraph in force knows them; else null. */
  enumValues: string[] | null;
}

export type ControlKind = 'number' | 'checkbox' | 'select' | 'date' | 'datetime' | 'text' | 'json';

/** How a form asks for one parameter. */
export interface Control {
  kind: ControlKind;
  /** A list type: comma-separated values, or for an enum one checkbox a value. */
  list: boolean;
  /** Int (whole numbers) or Float, for a number control. */
  integer: boolean;
  required: boolean;
  /** The enum's values, for a select (or a list's checkboxes). */
  options: string[];
  /** What the control starts with: the operation's default, else empty. */
  initial: FormValue;
  /** What the label adds after the name: "required", "optional, default 50". */
  hint: string;
}

/** What a control holds: text for most, a flag for a checkbox, the chosen values of an enum list. */
export type FormValue = string | boolean | string[];

const SCALAR_KINDS: Record<string, ControlKind> = {
  Int: 'number',
  Float: 'number',
  Boolean: 'checkbox',
  Date: 'date',
  DateTime: 'datetime',
  String: 'text',
  ID: 'text',
};

/** `[Borough!]!` → { named: 'Borough', list: true }. */
export function readType(type: string): { named: string; list: boolean } {
  const list = type.trim().startsWith('[');
  return { named: type.replace(/[[\]!\s]/g, ''), list };
}

/**
 * The form control for a parameter's type: Int and Float a number box, Boolean a checkbox,
 * an enum a choice of its values (a text box when the API does not know them), Date a date
 * picker, DateTime a date and time; a list of them comma-separated (an enum list, one checkbox
 * a value); any other type (an input object), JSON text.
 */
export function controlFor(parameter: Parameter): Control {
  const { named, list } = readType(parameter.type);
  const enumValues = parameter.enumValues && parameter.enumValues.length ? parameter.enumValues : null;
  let kind: ControlKind = enumValues ? 'select' : (SCALAR_KINDS[named] ?? 'json');
  // A list of dates or numbers is typed as text: one picker cannot hold several values.
  if (list && kind !== 'select' && kind !== 'json') kind = 'text';
  const defaultValue = parseDefault(parameter.defaultValue);
  return {
    kind,
    list,
    integer: named === 'Int',
    required: parameter.required,
    options: enumValues ?? [],
    initial: initialValue(kind, list, defaultValue),
    hint: parameter.required ? 'required' : defaultValue === undefined ? 'optional' : `optional, default ${shown(defaultValue)}`,
  };
}

function parseDefault(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const shown = (value: unknown): string => (Array.isArray(value) ? value.join(', ') : typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value));

function initialValue(kind: ControlKind, list: boolean, value: unknown): FormValue {
  if (kind === 'checkbox' && !list) return value === true;
  if (kind === 'select' && list) return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
  if (value === undefined || value === null) return '';
  if (kind === 'json') return JSON.stringify(value);
  if (kind === 'datetime' && typeof value === 'string') return value.slice(0, 16);
  return shown(value);
}

export type Variables = { variables: Record<string, unknown>; problems: Record<string, string> };

/**
 * The variables to send from what the form holds: each value coerced to its type, an empty
 * optional one left out (the operation's default then applies), and a problem for each value
 * that is missing or not of its type (shown beside its control; nothing is sent while any).
 */
export function variablesFrom(parameters: readonly Parameter[], values: Readonly<Record<string, FormValue>>): Variables {
  const variables: Record<string, unknown> = {};
  const problems: Record<string, string> = {};
  for (const parameter of parameters) {
    const control = controlFor(parameter);
    const value = values[parameter.name] ?? control.initial;
    const result = coerce(control, parameter, value);
    if ('problem' in result) problems[parameter.name] = result.problem;
    else if (result.value !== undefined) variables[parameter.name] = result.value;
  }
  return { variables, problems };
}

type Coerced = { value: unknown } | { problem: string };

function coerce(control: Control, parameter: Parameter, value: FormValue): Coerced {
  const { named } = readType(parameter.type);
  if (control.kind === 'checkbox' && !control.list) return { value: value === true };
  if (Array.isArray(value)) {
    if (!value.length) return control.required ? { problem: 'choose at least one value' } : { value: undefined };
    return { value };
  }
  const text = String(value).trim();
  if (text === '') return control.required ? { problem: 'required' } : { value: undefined };
  if (control.kind === 'json') {
    try {
      return { value: JSON.parse(text) as unknown };
    } catch {
      // An enum value the API could not list (the supergraph not composed yet) is a bare name.
      if (/^[_A-Za-z][_0-9A-Za-z]*$/.test(text)) return { value: text };
      return { problem: `not JSON: a ${named} is written as JSON, e.g. {"from": "2025-01-01"}` };
    }
  }
  if (!control.list) return scalar(named, control, text);
  const items = text.split(',').map((item) => item.trim()).filter(Boolean);
  const coerced = items.map((item) => scalar(named, control, item));
  const bad = coerced.find((item): item is { problem: string } => 'problem' in item);
  return bad ?? { value: coerced.map((item) => (item as { value: unknown }).value) };
}

function scalar(named: string, control: Control, text: string): Coerced {
  switch (named) {
    case 'Int':
      return /^-?\d+$/.test(text) && Number.isSafeInteger(Number(text)) ? { value: Number(text) } : { problem: `“${text}” is not a whole number` };
    case 'Float':
      return text !== '' && Number.isFinite(Number(text)) ? { value: Number(text) } : { problem: `“${text}” is not a number` };
    case 'Boolean':
      return text === 'true' || text === 'false' ? { value: text === 'true' } : { problem: `“${text}” is not true or false` };
    case 'Date':
      return /^\d{4}-\d{2}-\d{2}$/.test(text) ? { value: text } : { problem: `“${text}” is not a date (YYYY-MM-DD)` };
    case 'DateTime': {
      const time = Date.parse(text);
      return Number.isNaN(time) ? { problem: `“${text}” is not a date and time` } : { value: new Date(time).toISOString() };
    }
    default:
      if (control.options.length && !control.options.includes(text)) return { problem: `“${text}” is not one of ${control.options.join(', ')}` };
      return { value: text };
  }
}
