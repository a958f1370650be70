import type { BridgeError } from '../../../shared/bridge.ts';
import {
  DEFAULT_BASE_URL,
  originOf,
  type ConnectionInput,
  type ConnectionPatch,
  type ConnectionView,
} from '../../../shared/connection.ts';

/**
 * The connection form as plain data, kept apart from the components so the mapping between what the
 * admin typed and what the contract takes is in one readable place. The API key is deliberately not
 * part of these values: it lives only in an uncontrolled input until it is sent (see ConnectionEditor).
 */
export interface FormValues {
  name: string;
  baseUrl: string;
  keyKind: 'keychain' | 'env';
  envVariable: string;
  organization: string;
  project: string;
  readOnly: boolean;
}

export type FormField = 'name' | 'baseUrl' | 'key' | 'envVariable' | 'organization' | 'project' | 'readOnly';
export type FieldErrors = Partial<Record<FormField, string>>;

/** Field errors plus whatever could not be pinned to a field. */
export interface FormErrors {
  fields: FieldErrors;
  general?: string;
}

export function emptyValues(): FormValues {
  return {
    name: '',
    baseUrl: DEFAULT_BASE_URL,
    keyKind: 'keychain',
    envVariable: '',
    organization: '',
    project: '',
    readOnly: false,
  };
}

export function valuesFrom(view: ConnectionView): FormValues {
  return {
    name: view.name,
    baseUrl: view.baseUrl,
    keyKind: view.keySource === 'env' ? 'env' : 'keychain',
    envVariable: view.envVariable ?? '',
    organization: view.organization ?? '',
    project: view.project ?? '',
    readOnly: view.readOnly,
  };
}

export function isDirty(values: FormValues, view: ConnectionView, keyEntered: boolean): boolean {
  const saved = valuesFrom(view);
  return keyEntered || (Object.keys(saved) as (keyof FormValues)[]).some((field) => saved[field] !== values[field]);
}

/** A new connection. The core validates every field; we only catch the empty key, whose core message ("too short") would puzzle. */
export function toInput(values: FormValues, key: string): ConnectionInput | FormErrors {
  if (values.keyKind === 'keychain' && key.trim() === '')
    return { fields: { key: 'API key is required: paste the key from the OpenAI dashboard.' } };
  return {
    name: values.name,
    baseUrl: values.baseUrl,
    organization: values.organization,
    project: values.project,
    readOnly: values.readOnly,
    keySource:
      values.keyKind === 'keychain' ? { kind: 'keychain', key } : { kind: 'env', variable: values.envVariable },
  };
}

/**
 * The host the edited Base URL moves the connection to, when it is another one (scheme, host or port)
 * than the saved connection's: its key is bound to the old host and is dropped on save, so the form says
 * so and asks for the key again. Null while the URL is unchanged, on the same host, or not yet a URL.
 */
export function movedToHost(values: FormValues, view: ConnectionView | null): string | null {
  if (!view) return null;
  let next: string;
  try {
    next = new URL(values.baseUrl.trim()).origin;
  } catch {
    return null;
  }
  return next === originOf(view.baseUrl) ? null : next;
}

/**
 * An edit. The key source is sent only when it changes: an empty API key field keeps the stored key,
 * but switching from an environment variable to the keychain needs a key to put there, and so does a
 * move to another host (the stored key stays behind).
 */
export function toPatch(values: FormValues, key: string, view: ConnectionView): ConnectionPatch | FormErrors {
  const moved = movedToHost(values, view);
  const patch: ConnectionPatch = {
    name: values.name,
    baseUrl: values.baseUrl,
    organization: values.organization,
    project: values.project,
    readOnly: values.readOnly,
  };
  if (values.keyKind === 'keychain') {
    if (key.trim() !== '') patch.keySource = { kind: 'keychain', key };
    else if (moved)
      return { fields: { key: `Paste the API key for ${moved}: the stored key is not sent to another host.` } };
    else if (view.keySource !== 'keychain') {
      return { fields: { key: 'Paste the API key to keep in the keychain, or keep the environment variable.' } };
    }
  } else if (moved || view.keySource !== 'env' || values.envVariable !== (view.envVariable ?? '')) {
    patch.keySource = { kind: 'env', variable: values.envVariable };
  }
  return patch;
}

function isFormErrors(value: object): value is FormErrors {
  return 'fields' in value;
}

export type SaveRequest =
  | { kind: 'add'; input: ConnectionInput }
  | { kind: 'update'; id: string; patch: ConnectionPatch }
  | { kind: 'invalid'; errors: FormErrors };

/** What Save sends: a new connection, an edit of `connection`, or the errors that stop it. */
export function saveRequest(values: FormValues, key: string, connection: ConnectionView | null): SaveRequest {
  if (connection) {
    const patch = toPatch(values, key, connection);
    return isFormErrors(patch) ? { kind: 'invalid', errors: patch } : { kind: 'update', id: connection.id, patch };
  }
  const input = toInput(values, key);
  return isFormErrors(input) ? { kind: 'invalid', errors: input } : { kind: 'add', input };
}

/** Contract paths (`organization`, `patch.keySource.key`, …) to the form field that shows them. */
function fieldFor(path: string): FormField | null {
  const bare = path.replace(/^patch\./, '');
  switch (bare) {
    case 'name':
    case 'baseUrl':
    case 'organization':
    case 'project':
    case 'readOnly':
      return bare;
    case 'keySource':
    case 'keySource.key':
      return 'key';
    case 'keySource.variable':
      return 'envVariable';
    default:
      return null;
  }
}

/**
 * Spreads a core error over the form. Validation errors read "Invalid <method> request: path: sentence;
 * path: sentence." (see describeIssues), and `error.field` names the first; each sentence goes next to
 * its field. Anything unplaceable is shown above the buttons.
 */
export function formErrorsFrom(error: BridgeError): FormErrors {
  const fields: FieldErrors = {};
  const general: string[] = [];
  if (error.code === 'bad_input') {
    const body = error.message.replace(/^Invalid [\w.]+ request: /, '');
    for (const part of body.split(/; (?=[A-Za-z][\w.]*: )/)) {
      const match = /^([A-Za-z][\w.]*): (.*)$/s.exec(part);
      const field = match?.[1] ? fieldFor(match[1]) : null;
      if (field && match?.[2] && !fields[field]) fields[field] = sentence(match[2]);
      else if (!field) general.push(sentence(part));
    }
  }
  const named = error.field === undefined ? null : fieldFor(error.field);
  if (named && !fields[named]) fields[named] = error.message;
  if (Object.keys(fields).length === 0 && general.length === 0) general.push(error.message);
  return general.length > 0 ? { fields, general: general.join(' ') } : { fields };
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
